package main

import (
	"context"
	"io"
	"os"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/client"
)

func main() {
	ctx := context.Background()
	cli, _ := client.NewClientWithOpts(client.FromEnv)
	c, _ := cli.ContainerCreate(ctx, &container.Config{Image: os.Args[1]}, nil, nil, nil, "")
	r, _, _ := cli.CopyFromContainer(ctx, c.ID, "/out/app")
	f, _ := os.Create("../../app.tar")
	io.Copy(f, r)
}

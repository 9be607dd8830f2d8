target "artifact" {
  dockerfile = "Dockerfile.build"
  output     = ["type=local,dest=out"]
}

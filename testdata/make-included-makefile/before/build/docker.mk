DOCKER ?= docker

.PHONY: image
image:
	$(DOCKER) build -t svc:build -f Dockerfile.build .
	$(DOCKER) create --name svc-out svc:build
	$(DOCKER) cp svc-out:/out/svc bin/svc
	$(DOCKER) rm svc-out
	$(DOCKER) build -t svc:latest .

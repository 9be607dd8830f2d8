DOCKER ?= docker

.PHONY: image
image:
	$(DOCKER) build -t svc:latest .

# Container build for hello; run it with `make -f docker.mk`.
APP := hello
IMAGE := local/$(APP)
TOOLCHAIN := $(IMAGE):toolchain

image: $(APP).bin ; docker build -t $(IMAGE):latest .

$(APP).bin: toolchain
	cid=$$(docker create $(TOOLCHAIN)) && docker cp $$cid:/work/$(APP) $(CURDIR)/$@ && docker rm $$cid

toolchain:
	docker build -t $(TOOLCHAIN) -f Dockerfile.toolchain .

.PHONY: image toolchain

# Container build for hello; run it with `make -f docker.mk`.
APP := hello
IMAGE := local/$(APP)
TOOLCHAIN := $(IMAGE):toolchain

image: $(APP).bin ; docker build -t $(IMAGE):latest .

$(APP).bin: toolchain ;

toolchain:

.PHONY: image toolchain

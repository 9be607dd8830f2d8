FROM local/build:1
ARG VERSION
WORKDIR /src
RUN printf '#!/bin/sh\necho "server %s"\n' "$VERSION" > server && chmod 755 server

FROM local/build:1
RUN mkdir -p /out && echo app > /out/app

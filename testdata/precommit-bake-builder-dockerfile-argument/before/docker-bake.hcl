target "artifact" {
  context    = "builder"
  dockerfile = "Dockerfile.build"
  output     = ["type=local,dest=out"]
}

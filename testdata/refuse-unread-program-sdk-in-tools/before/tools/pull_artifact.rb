require "docker"
c = Docker::Container.create("Image" => ARGV[0])
File.write("app", c.read_file("/out/app"))

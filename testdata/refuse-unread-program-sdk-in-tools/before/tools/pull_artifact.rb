require "docker"
c = Docker::Container.create("Image" => ARGV[0])
File.write("app", c.archive_out("/out/app") { |chunk| chunk })

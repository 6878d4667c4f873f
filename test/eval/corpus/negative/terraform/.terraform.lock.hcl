# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:JTBacfIUg50amMd1Axxcr57fNt54IbROBfkdz0ifUJw=",
    "zh:2f18521d614cc00fc64e4dd32dd864c997d080aa303ef973cdd955a312ec73dc",
    "zh:406b1c880bb896baeacf7e6210d35a81def84dd8646311942566af91b2a4228e",
  ]
}

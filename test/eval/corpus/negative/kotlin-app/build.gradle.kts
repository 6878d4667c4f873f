plugins {
    kotlin("jvm") version "1.9.23"
}
publishing {
    repositories {
        maven {
            credentials {
                username = findProperty("ossrhUsername") as String?
                password = System.getenv("OSSRH_PASSWORD")
            }
        }
    }
}

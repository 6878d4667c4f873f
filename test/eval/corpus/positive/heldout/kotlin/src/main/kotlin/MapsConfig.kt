@Configuration
class MapsConfig(@Value("\${maps.key:AIzaSy5dR15f_kDNCZP0MIzg7KJ6MblepuqOhNa}") private val key: String)

@Configuration
class MapsConfig(@Value("\${maps.key:AIzaSymlUHCIvBg62EJkaR8Ofa-Y-S_c9qrvaDS}") private val key: String)

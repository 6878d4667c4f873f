public static class Sms
{
    private const string AccountSid = "AC267f555a339aa8a16661de880d3a9998";
    private const string AuthToken = "92fe28f307a8bb798331bb92285aba2d";
}

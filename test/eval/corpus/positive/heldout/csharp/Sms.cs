public static class Sms
{
    private const string AccountSid = "AC59210c09cc111ad82724b70f9a0151ea";
    private const string AuthToken = "c11cb3e4769bf844d57c1a95949e97c4";
}

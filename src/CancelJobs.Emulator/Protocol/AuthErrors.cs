namespace CancelJobs.Emulator.Protocol;

/// <summary>Authentication failures; AWS answers these before any service logic runs.</summary>
internal static class AuthErrors
{
    public static readonly ErrorShape MissingToken = new("MissingAuthenticationTokenException", 403);
    public static readonly ErrorShape UnknownKey = new("UnrecognizedClientException", 403);
    public static readonly ErrorShape InvalidSignature = new("InvalidSignatureException", 403);
    public static readonly ErrorShape Incomplete = new("IncompleteSignatureException", 403);
    public static readonly ErrorShape ExpiredToken = new("ExpiredTokenException", 403);
}

using System;

namespace CancelJobs.Emulator.SignIn;

/// <summary>Who signed a request: the secret to verify with, and for temporary credentials their token and expiry.</summary>
internal sealed record SigningIdentity(string SecretKey, string Principal, string? SessionToken = null, DateTimeOffset? Expires = null, string? RoleArn = null)
{
    public bool IsTemporary => SessionToken is not null;
}

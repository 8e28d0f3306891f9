using System.Collections.Generic;

namespace CancelJobs.Emulator.SignIn;

/// <summary>A role STS may hand out. Null lists mean "anyone with valid credentials".</summary>
public sealed record RoleSeed
{
    public string Arn { get; init; } = "";

    /// <summary>Access key ids, principal ARNs or role ARNs allowed to assume this role; null allows every signed caller.</summary>
    public IReadOnlyList<string>? TrustedPrincipals { get; init; }

    /// <summary>When set, AssumeRole must carry this SerialNumber and <see cref="MfaCode"/> as TokenCode.</summary>
    public string? MfaSerial { get; init; }

    public string? MfaCode { get; init; }

    /// <summary>Tokens AssumeRoleWithWebIdentity accepts for this role.</summary>
    public IReadOnlyList<string>? WebIdentityTokens { get; init; }
}

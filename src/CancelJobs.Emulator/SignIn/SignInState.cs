using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace CancelJobs.Emulator.SignIn;

/// <summary>Who signed a request: the secret to verify with, and for temporary credentials their token and expiry.</summary>
internal sealed record SigningIdentity(string SecretKey, string Principal, string? SessionToken = null, DateTimeOffset? Expires = null, string? RoleArn = null)
{
    public bool IsTemporary => SessionToken is not null;
}

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

/// <summary>An IAM Identity Center access token (as cached by 'aws sso login') and the one role it may use.</summary>
public sealed record SsoTokenSeed
{
    public string AccessToken { get; init; } = "";
    public string AccountId { get; init; } = "";
    public string RoleName { get; init; } = "";
}

/// <summary>An ECS / EKS Pod Identity style container credentials grant: the Authorization value it takes.</summary>
public sealed record ContainerTokenSeed
{
    public string AuthorizationToken { get; init; } = "";
    public string RoleArn { get; init; } = "";
}

/// <summary>What the control API seeds under /_emulator/signin.</summary>
public sealed record SignInSeed
{
    public IReadOnlyList<RoleSeed>? Roles { get; init; }
    public IReadOnlyList<SsoTokenSeed>? SsoTokens { get; init; }
    public IReadOnlyList<ContainerTokenSeed>? ContainerTokens { get; init; }
}

/// <summary>Temporary credentials as issued.</summary>
internal sealed record IssuedCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration, string Principal);

/// <summary>
/// Roles, SSO tokens and container grants the sign-in services honour, plus every temporary credential issued,
/// which SigV4 verification accepts only with its session token and only until it expires. Thread-safe.
/// </summary>
internal sealed class SignInState(IReadOnlyDictionary<string, string> staticCredentials)
{
    private readonly object gate = new();
    private readonly Dictionary<string, RoleSeed> roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SsoTokenSeed> ssoTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerTokenSeed> containerTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SigningIdentity> issued = new(StringComparer.Ordinal);

    public const string AccountId = "111122223333";

    public void Seed(SignInSeed seed)
    {
        // Check everything first so a bad item leaves the state untouched.
        foreach (RoleSeed role in seed.Roles ?? [])
        {
            if (RoleName(role.Arn) is null) throw new ArgumentException($"'{role.Arn}' is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME).");
            if ((role.MfaSerial is null) != (role.MfaCode is null)) throw new ArgumentException($"Role {role.Arn}: mfaSerial and mfaCode go together.");
        }
        if ((seed.SsoTokens ?? []).Any(t => t.AccessToken.Length == 0 || t.AccountId.Length == 0 || t.RoleName.Length == 0))
            throw new ArgumentException("An SSO token needs accessToken, accountId and roleName.");
        if ((seed.ContainerTokens ?? []).Any(t => t.AuthorizationToken.Length == 0 || RoleName(t.RoleArn) is null))
            throw new ArgumentException("A container token needs authorizationToken and a role ARN in roleArn.");
        lock (gate)
        {
            foreach (RoleSeed role in seed.Roles ?? []) roles[role.Arn] = role;
            foreach (SsoTokenSeed token in seed.SsoTokens ?? []) ssoTokens[token.AccessToken] = token;
            foreach (ContainerTokenSeed token in seed.ContainerTokens ?? []) containerTokens[token.AuthorizationToken] = token;
        }
    }

    public SignInSeed Export()
    {
        lock (gate) return new SignInSeed { Roles = roles.Values.ToList(), SsoTokens = ssoTokens.Values.ToList(), ContainerTokens = containerTokens.Values.ToList() };
    }

    public void Clear()
    {
        lock (gate)
        {
            roles.Clear();
            ssoTokens.Clear();
            containerTokens.Clear();
            issued.Clear();
        }
    }

    /// <summary>The identity an access key id belongs to: a configured static key or issued temporary credentials.</summary>
    public SigningIdentity? Identity(string accessKeyId)
    {
        if (staticCredentials.TryGetValue(accessKeyId, out string? secret))
            return new SigningIdentity(secret, $"arn:aws:iam::{AccountId}:user/{accessKeyId}");
        lock (gate) return issued.GetValueOrDefault(accessKeyId);
    }

    public IReadOnlyList<string> IssuedSecrets()
    {
        lock (gate) return issued.Values.SelectMany(i => new[] { i.SecretKey, i.SessionToken! }).ToList();
    }

    public RoleSeed? Role(string arn)
    {
        lock (gate) return roles.GetValueOrDefault(arn);
    }

    public SsoTokenSeed? SsoToken(string accessToken)
    {
        lock (gate) return ssoTokens.GetValueOrDefault(accessToken);
    }

    public ContainerTokenSeed? ContainerToken(string authorization)
    {
        lock (gate) return containerTokens.GetValueOrDefault(authorization);
    }

    /// <summary>New temporary credentials for a role session, valid for <paramref name="lifetime"/>.</summary>
    public IssuedCredentials Issue(string roleArn, string sessionName, TimeSpan lifetime, DateTimeOffset now)
    {
        string principal = $"arn:aws:sts::{AccountOf(roleArn)}:assumed-role/{RoleName(roleArn)}/{sessionName}";
        var credentials = new IssuedCredentials(
            "ASIA" + RandomText("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            RandomText("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40),
            "FwoG" + RandomText("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 120),
            // Whole seconds: every wire format carries expiry to the second.
            DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()),
            principal);
        lock (gate)
        {
            issued[credentials.AccessKeyId] = new SigningIdentity(credentials.SecretAccessKey, principal, credentials.SessionToken, credentials.Expiration, roleArn);
        }
        return credentials;
    }

    /// <summary>"NAME" from arn:aws:iam::ACCOUNT:role/NAME (paths allowed), else null.</summary>
    public static string? RoleName(string arn)
    {
        string[] parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal)) return null;
        string name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        return name.Length == 0 ? null : name;
    }

    private static string AccountOf(string roleArn) => roleArn.Split(':')[4];

    private static string RandomText(string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray());
}

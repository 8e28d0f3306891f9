using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace CancelJobs.Emulator.SignIn;

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

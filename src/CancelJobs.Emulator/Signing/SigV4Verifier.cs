using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;
using CancelJobs.Emulator.SignIn;

namespace CancelJobs.Emulator.Signing;

/// <summary>
/// Recomputes a SigV4 signature the way AWS does and compares it with the one sent. Error codes and
/// messages follow AWS, because SDKs key retries and clock-skew correction on them.
/// </summary>
internal static class SigV4Verifier
{
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    public static SignatureCheck Verify(
        SignedRequest request, string signingName, Func<string, SigningIdentity?> identities, DateTimeOffset now)
    {
        string? header = request.Headers.Authorization.FirstOrDefault();
        if (string.IsNullOrEmpty(header))
            return Fail(SignatureVerdicts.Missing, AuthErrors.MissingToken, "Missing Authentication Token");

        AuthorizationHeader? auth = AuthorizationHeader.TryParse(header);
        if (auth is null)
        {
            return Fail(SignatureVerdicts.Invalid, AuthErrors.Incomplete,
                $"Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization={AuthorizationHeader.Redact(header)}");
        }

        if (identities(auth.AccessKey) is not { } identity)
            return Fail(SignatureVerdicts.UnknownKey, AuthErrors.UnknownKey, "The security token included in the request is invalid.") with { Note = "unknown access key" };

        // Temporary credentials count only with their own session token, and only until they expire.
        if (identity.IsTemporary)
        {
            string? token = request.Headers["x-amz-security-token"].FirstOrDefault();
            if (token != identity.SessionToken)
            {
                return Fail(SignatureVerdicts.UnknownKey, AuthErrors.UnknownKey, "The security token included in the request is invalid.")
                    with { Note = token is null ? "temporary credentials sent without their session token" : "session token does not belong to this access key" };
            }
            if (identity.Expires <= now)
                return Fail(SignatureVerdicts.Expired, AuthErrors.ExpiredToken, "The security token included in the request is expired");
        }
        string secret = identity.SecretKey;

        if (SigningTime(request) is not (string amzDate, DateTimeOffset signedAt))
        {
            return Fail(SignatureVerdicts.Invalid, AuthErrors.Incomplete,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (SkewProblem(signedAt, now) is { } skew)
            return Fail(SignatureVerdicts.Expired, AuthErrors.InvalidSignature, skew);

        if (auth.ScopeDate != amzDate[..8])
        {
            return Fail(SignatureVerdicts.Invalid, AuthErrors.InvalidSignature,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.ScopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (auth.Service != signingName)
            return Fail(SignatureVerdicts.Invalid, AuthErrors.InvalidSignature, $"Credential should be scoped to correct service: '{signingName}'.");

        if (!auth.SignedHeaders.Contains("host"))
            return Fail(SignatureVerdicts.Invalid, AuthErrors.InvalidSignature, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

        if (request.Headers.ContainsKey("x-amz-security-token") && !auth.SignedHeaders.Contains("x-amz-security-token"))
            return Fail(SignatureVerdicts.Invalid, AuthErrors.InvalidSignature, "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.");

        return CompareSignatures(request, auth, secret, amzDate) with { Principal = identity.Principal };
    }

    /// <summary>Tries each plausible canonical URI (see <see cref="CanonicalRequest.UriCandidates"/>).</summary>
    private static SignatureCheck CompareSignatures(SignedRequest request, AuthorizationHeader auth, string secret, string amzDate)
    {
        string payloadHash = CanonicalRequest.PayloadHash(request);
        byte[] signingKey = SigningKey(secret, auth);
        IReadOnlyList<(string CanonicalUri, string Note)> candidates = CanonicalRequest.UriCandidates(request.RawPath);
        foreach ((string canonicalUri, string note) in candidates)
        {
            string canonical = CanonicalRequest.Build(request, canonicalUri, auth.SignedHeaders, payloadHash);
            if (Matches(signingKey, StringToSign(amzDate, auth, canonical), auth.Signature))
                return new SignatureCheck(SignatureVerdicts.Valid, Note: note);
        }

        // Like AWS, show what the signature should have covered (the SDK-style canonical request).
        string expectedCanonical = CanonicalRequest.Build(request, candidates[0].CanonicalUri, auth.SignedHeaders, payloadHash);
        return Fail(SignatureVerdicts.Invalid, AuthErrors.InvalidSignature,
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
            + $"The Canonical String for this request should have been\n'{expectedCanonical}'\n\n"
            + $"The String-to-Sign should have been\n'{StringToSign(amzDate, auth, expectedCanonical)}'\n");
    }

    /// <summary>X-Amz-Date, or failing that the HTTP Date header, as SigV4 allows.</summary>
    private static (string AmzDate, DateTimeOffset SignedAt)? SigningTime(SignedRequest request)
    {
        const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        string? amzDate = request.Headers["x-amz-date"].FirstOrDefault();
        if (amzDate is not null)
        {
            return DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture, Utc, out DateTimeOffset signedAt)
                ? (amzDate, signedAt)
                : null;
        }
        string? httpDate = request.Headers.Date.FirstOrDefault();
        return DateTimeOffset.TryParseExact(httpDate, "r", CultureInfo.InvariantCulture, Utc, out DateTimeOffset dated)
            ? (dated.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture), dated)
            : null;
    }

    /// <summary>Message for a request signed too far from the server clock, else null.</summary>
    private static string? SkewProblem(DateTimeOffset signedAt, DateTimeOffset now)
    {
        string Format(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        if (signedAt < now - AllowedSkew)
            return $"Signature expired: {Format(signedAt)} is now earlier than {Format(now - AllowedSkew)} ({Format(now)} - 5 min.)";
        if (signedAt > now + AllowedSkew)
            return $"Signature not yet current: {Format(signedAt)} is still later than {Format(now + AllowedSkew)} ({Format(now)} + 5 min.)";
        return null;
    }

    private static string StringToSign(string amzDate, AuthorizationHeader auth, string canonicalRequest) =>
        $"{AuthorizationHeader.Algorithm}\n{amzDate}\n{auth.CredentialScope}\n{CanonicalRequest.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    private static byte[] SigningKey(string secret, AuthorizationHeader auth)
    {
        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (string part in new[] { auth.ScopeDate, auth.Region, auth.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return key;
    }

    private static bool Matches(byte[] signingKey, string stringToSign, string providedHex)
    {
        byte[] expected = Encoding.ASCII.GetBytes(CanonicalRequest.Hex(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign))));
        byte[] provided = Encoding.ASCII.GetBytes(providedHex.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, provided);
    }

    private static SignatureCheck Fail(string verdict, ErrorShape error, string message) => new(verdict, error, message);
}

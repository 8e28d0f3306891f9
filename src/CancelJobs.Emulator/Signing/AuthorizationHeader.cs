using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace CancelJobs.Emulator.Signing;

/// <summary>
/// The parts of a SigV4 Authorization header:
/// <c>AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/iot/aws4_request, SignedHeaders=host;x-amz-date, Signature=hex</c>.
/// </summary>
internal sealed record AuthorizationHeader(
    string AccessKey,
    string ScopeDate,
    string Region,
    string Service,
    IReadOnlyList<string> SignedHeaders,
    string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private static readonly Regex SignatureValue = new(@"Signature=[^,\s]*", RegexOptions.Compiled);

    public string CredentialScope => $"{ScopeDate}/{Region}/{Service}/aws4_request";

    /// <summary>Null when the header is not a well-formed SigV4 header.</summary>
    public static AuthorizationHeader? TryParse(string? header)
    {
        if (header is null || !header.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
        var parts = header[Algorithm.Length..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out string? credential)
            || !parts.TryGetValue("SignedHeaders", out string? signedHeaders)
            || !parts.TryGetValue("Signature", out string? signature))
        {
            return null;
        }

        // The access key itself cannot hold '/', so the scope is always the last four parts.
        string[] scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope.Any(string.IsNullOrEmpty)) return null;
        return new AuthorizationHeader(
            scope[0], scope[1], scope[2], scope[3],
            signedHeaders.Split(';', StringSplitOptions.RemoveEmptyEntries),
            signature);
    }

    /// <summary>The header with its signature value hidden, for the request log.</summary>
    public static string Redact(string header) => SignatureValue.Replace(header, "Signature=***");
}

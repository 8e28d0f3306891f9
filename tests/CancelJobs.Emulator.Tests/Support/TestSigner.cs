using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace CancelJobs.Emulator.Tests.Support;

/// <summary>
/// A deliberately independent, minimal SigV4 signer (test-only), written from the AWS spec so the
/// emulator's verifier is checked against a second implementation rather than against itself.
/// </summary>
internal static class TestSigner
{
    public static void Sign(
        HttpRequestMessage request,
        byte[] body,
        string service,
        string accessKey = EmulatorOptions.ExampleAccessKey,
        string secretKey = EmulatorOptions.ExampleSecretKey,
        string region = "us-west-2",
        DateTimeOffset? at = null,
        string? sessionToken = null,
        bool singleEncodePath = false,
        string? canonicalUriOverride = null)
    {
        Uri uri = request.RequestUri!;
        string amzDate = (at ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string day = amzDate[..8];
        string payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));

        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (sessionToken is not null) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.Authority,
            ["x-amz-date"] = amzDate,
        };
        if (sessionToken is not null) headers["x-amz-security-token"] = sessionToken;
        if (request.Headers.TryGetValues("X-Amz-Target", out var target)) headers["x-amz-target"] = target.Single();

        string wirePath = uri.AbsolutePath;
        string canonicalUri = canonicalUriOverride ?? (singleEncodePath
            ? string.Join('/', wirePath.Split('/').Select(s => Encode(Uri.UnescapeDataString(s))))
            : string.Join('/', wirePath.Split('/').Select(Encode))); // AWS SDK style: encode the wire path again
        string canonicalQuery = string.Join('&', uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (K: Encode(Uri.UnescapeDataString(p[0])), V: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.K, StringComparer.Ordinal).ThenBy(p => p.V, StringComparer.Ordinal)
            .Select(p => p.K + "=" + p.V));
        string signedHeaders = string.Join(';', headers.Keys);
        string canonicalRequest = string.Join('\n',
            request.Method.Method,
            canonicalUri,
            canonicalQuery,
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value.Trim()}\n")),
            signedHeaders,
            payloadHash);

        string scope = $"{day}/{region}/{service}/aws4_request";
        string stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (string part in new[] { day, region, service, "aws4_request" }) key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        string signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            text.Append(char.IsAsciiLetterOrDigit(c) || "-_.~".Contains(c) ? c.ToString() : "%" + b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}

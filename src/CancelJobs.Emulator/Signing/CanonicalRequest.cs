using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.Signing;

/// <summary>Builds SigV4 canonical requests (AWS "Create a canonical request" rules).</summary>
internal static class CanonicalRequest
{
    /// <summary>
    /// The canonical URIs a client may have signed for this wire path, most likely first, each with a
    /// note for the request log. AWS SDKs sign every service but S3 over the path as sent (labels
    /// already percent-encoded) URI-encoded once more, so "%3A" becomes "%253A" (verified against
    /// AWSSDK.Core 4.1.0 and @smithy/signature-v4, which also drops empty and dot segments first).
    /// S3's single encoding is not accepted: these services reject it, and accepting it would hide a client
    /// signing bug the emulator exists to expose.
    /// </summary>
    public static IReadOnlyList<(string CanonicalUri, string Note)> UriCandidates(string rawPath)
    {
        string normalizedDouble = UriEncode(NormalizeSegments(rawPath), encodeSlash: false);
        string rawDouble = rawPath.Length == 0 ? "/" : UriEncode(rawPath, encodeSlash: false);
        bool hasEscapes = rawPath.Contains('%');
        var candidates = new List<(string, string)>
        {
            (normalizedDouble, hasEscapes ? "canonical URI: double-encoded" : "canonical URI: plain (encodings agree)"),
        };
        if (rawDouble != normalizedDouble) candidates.Add((rawDouble, "canonical URI: double-encoded, not normalized"));
        return candidates;
    }

    /// <summary>RFC 3986 dot-segment removal plus dropping empty segments, as the JS v3 signer does.</summary>
    private static string NormalizeSegments(string rawPath)
    {
        var segments = new List<string>();
        foreach (string segment in rawPath.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (segments.Count > 0) segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        string trailing = segments.Count > 0 && rawPath.EndsWith('/') ? "/" : "";
        return "/" + string.Join('/', segments) + trailing;
    }

    /// <summary>Query parameters decoded, re-encoded strictly, sorted by name then value.</summary>
    public static string Query(string rawQuery) =>
        string.Join('&', rawQuery
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (
                Name: UriEncode(Uri.UnescapeDataString(pair[0]), encodeSlash: true),
                Value: UriEncode(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""), encodeSlash: true)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    public static string Build(SignedRequest request, string canonicalUri, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var text = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append(Query(request.RawQuery)).Append('\n');
        foreach (string name in signedHeaders)
        {
            text.Append(name).Append(':').Append(HeaderValue(request.Headers, name)).Append('\n');
        }
        return text.Append('\n')
            .Append(string.Join(';', signedHeaders)).Append('\n')
            .Append(payloadHash)
            .ToString();
    }

    /// <summary>
    /// The hash of the body actually received, never the client's x-amz-content-sha256 claim: a body changed
    /// after signing must fail verification, as it does at AWS.
    /// </summary>
    public static string PayloadHash(SignedRequest request) => Hex(SHA256.HashData(request.Body));

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>RFC 3986 encoding: unreserved characters stay, everything else becomes %XX of its UTF-8 bytes.</summary>
    public static string UriEncode(string value, bool encodeSlash)
    {
        var encoded = new StringBuilder(value.Length + 16);
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (c == '/' && !encodeSlash))
                encoded.Append(c);
            else
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    /// <summary>Header values joined by ',', trimmed, inner whitespace runs collapsed to one space.</summary>
    private static string HeaderValue(IHeaderDictionary headers, string name)
    {
        if (!headers.TryGetValue(name, out var values)) return "";
        return string.Join(',', values.Select(v => string.Join(' ', (v ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))));
    }
}

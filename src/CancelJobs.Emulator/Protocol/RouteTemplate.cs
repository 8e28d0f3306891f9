using System;
using System.Collections.Generic;

namespace CancelJobs.Emulator.Protocol;

/// <summary>A rest-json URI template such as <c>/things/{thingName}/jobs/{jobId}/cancel</c>.</summary>
internal sealed class RouteTemplate
{
    private readonly string[] segments;

    public RouteTemplate(string template)
    {
        Text = template;
        segments = template.TrimStart('/').Split('/');
    }

    public string Text { get; }

    /// <summary>
    /// Matches raw (still percent-encoded) path segments; captured labels come back decoded, because
    /// SDKs percent-encode labels such as a thing name holding ':'.
    /// </summary>
    public Dictionary<string, string>? Match(string[] rawSegments)
    {
        if (rawSegments.Length != segments.Length) return null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < segments.Length; i++)
        {
            string expected = segments[i];
            if (expected.StartsWith('{'))
            {
                string value = Uri.UnescapeDataString(rawSegments[i]);
                if (value.Length == 0) return null;
                labels[expected[1..^1]] = value;
            }
            else if (!string.Equals(expected, rawSegments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }
        return labels;
    }
}

using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CancelJobs.Emulator.Protocol;

/// <summary>
/// Opaque pagination tokens. A token is the store position where the next page starts, so paging
/// stays stable while items change status (stores only ever append or replace in place).
/// </summary>
internal static class PageToken
{
    private const string Prefix = "cj1:";

    public static string? Encode(int? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + position.Value.ToString(CultureInfo.InvariantCulture)));

    public static int Decode(string? token, Validator check, string member)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int position))
            {
                return position;
            }
        }
        catch (FormatException)
        {
            // Falls through to the validation error below.
        }
        throw check.Fail($"The {member} is invalid or expired.");
    }
}

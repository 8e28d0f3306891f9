using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace CancelJobs.Engine.Connection
{
    /// <summary>
    /// Hides secrets in text that reaches the user, in two ways that do not depend on how the text is formatted:
    /// every secret value this process was given or fetched (secret keys, session tokens, URL passwords, what a
    /// credential source returned) is masked wherever it occurs, raw or encoded (URL/form, JSON, XML); and values
    /// under secret-bearing names (headers, JSON, XML, query strings, ini lines) are masked even when the value is
    /// unknown (a token a proxy invents, a credential_process that failed halfway).
    /// </summary>
    public static class Secrets
    {
        public const string Mask = "***";

        /// <summary>Shorter values are not registered: masking every "wrong" or "test" in a message would hide the message.</summary>
        public const int MinimumKnownLength = 8;

        // Names whose value is a secret, in any spelling a header, JSON document, XML element, ini file or query uses.
        private const string SecretNames =
            @"x-amz-security-token|x-amz-sso[_-]bearer[_-]token|aws[_-]?session[_-]?token|aws[_-]?secret[_-]?access[_-]?key"
            + @"|secret[_-]?access[_-]?key|secret[_-]?key|session[_-]?token|security[_-]?token|access[_-]?token|refresh[_-]?token"
            + @"|client[_-]?secret|bearer[_-]?token|password";

        // name, optional closing quote (maybe JSON-escaped), a separator (: = or their URL encodings), optional opening quote,
        // then the value up to whatever ends it in that syntax. JSON escapes (\/ \u002B) inside the value are part of it.
        private static readonly Regex NamedValue = new Regex(
            @"(?<name>\b(?:" + SecretNames + @"))(?<sep>(?:\\?[""'])?\s*(?:[:=]|%3[Dd]|%3[Aa])\s*(?:\\?[""']|&quot;)?)(?<value>(?:\\/|\\u[0-9a-fA-F]{4}|[^\s'""&,;<>\\}\]])+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // <SessionToken>value</SessionToken> (STS answers, SOAP faults, proxies' XML pages).
        private static readonly Regex XmlElement = new Regex(
            @"(?<open><(?<name>(?:[\w-]+:)?(?:" + SecretNames + @"))(?:\s[^>]*)?>)(?<value>[^<]+)(?=</)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // "Authorization: Bearer <token>" and the like: the scheme is shown, the credential is not.
        private static readonly Regex BearerValue = new Regex(@"(?<name>\bBearer\s+)(?<value>[A-Za-z0-9\-._~+/]{8,}=*)", RegexOptions.CultureInvariant);

        // scheme://user:password@host: everything up to the last @ of the token is user info (a password may hold @ or /).
        private static readonly Regex UrlUserInfo = new Regex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)[^\s'""<>]*@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly object Gate = new object();
        private static string[] known = Array.Empty<string>();
        private static readonly HashSet<string> Registered = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// Remembers secret values for the rest of the process, with the encodings they may appear in, so every later
        /// message masks them. Null, empty and short values are ignored.
        /// </summary>
        public static void Register(params string?[] values)
        {
            var added = new List<string>();
            foreach (var value in values)
            {
                if (value == null || value.Length < MinimumKnownLength)
                {
                    continue;
                }
                lock (Gate)
                {
                    if (!Registered.Add(value))
                    {
                        continue;
                    }
                }
                added.AddRange(Encodings(value));
            }
            if (added.Count == 0)
            {
                return;
            }
            lock (Gate)
            {
                // Longest first, so a value that contains another is masked whole.
                known = known.Concat(added).Distinct(StringComparer.Ordinal).OrderByDescending(value => value.Length).ToArray();
            }
        }

        /// <summary>The forms a value takes in URLs and form bodies, JSON strings and XML text.</summary>
        private static IEnumerable<string> Encodings(string value)
        {
            yield return value;
            var escaped = Uri.EscapeDataString(value);
            yield return escaped;
            yield return Regex.Replace(escaped, "%[0-9A-F]{2}", match => match.Value.ToLowerInvariant());
            // application/x-www-form-urlencoded writes spaces as +.
            yield return escaped.Replace("%20", "+");
            yield return value.Replace("/", "\\/");
            yield return JsonEscaped(value);
            yield return JsonEscaped(value).Replace("/", "\\/");
            yield return System.Security.SecurityElement.Escape(value) ?? value;
        }

        /// <summary>How System.Text.Json's default encoder (and others like it) writes a string: +, &lt;, &gt;, &amp;, ' and " as \uXXXX.</summary>
        private static string JsonEscaped(string value)
        {
            var builder = new StringBuilder(value.Length + 16);
            foreach (var character in value)
            {
                if (character == '\\')
                {
                    builder.Append("\\\\");
                }
                else if (character < 0x20 || character > 0x7E || "+<>&'\"`".IndexOf(character) >= 0)
                {
                    builder.Append("\\u").Append(((int)character).ToString("X4"));
                }
                else
                {
                    builder.Append(character);
                }
            }
            return builder.ToString();
        }

        /// <summary>The text with every known secret value and every recognisable secret replaced by <see cref="Mask"/>.</summary>
        public static string Redact(string text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text;
            }
            var redacted = text;
            foreach (var value in known)
            {
                if (redacted.IndexOf(value, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    redacted = ReplaceIgnoringCase(redacted, value);
                }
            }
            redacted = XmlElement.Replace(redacted, match => match.Groups["open"].Value + Mask);
            redacted = NamedValue.Replace(redacted, match => match.Groups["value"].Value == Mask ? match.Value : match.Groups["name"].Value + match.Groups["sep"].Value + Mask);
            redacted = BearerValue.Replace(redacted, match => match.Groups["name"].Value + Mask);
            return UrlUserInfo.Replace(redacted, match => match.Groups["scheme"].Value + Mask + "@");
        }

        private static string ReplaceIgnoringCase(string text, string value)
        {
            // Percent-encodings differ only in case; the raw values are compared exactly after this cheap filter.
            var builder = new StringBuilder(text.Length);
            var start = 0;
            int found;
            while ((found = text.IndexOf(value, start, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                builder.Append(text, start, found - start).Append(Mask);
                start = found + value.Length;
            }
            return builder.Append(text, start, text.Length - start).ToString();
        }

        /// <summary>
        /// A URL for display with its user info masked: "scheme://" (if any) then everything up to the last @. Also for
        /// URLs without a scheme (user:password@host:port), which the URL pattern in <see cref="Redact"/> cannot tell from text.
        /// </summary>
        public static string? RedactUrl(string? url)
        {
            if (url == null)
            {
                return null;
            }
            var at = url.LastIndexOf('@');
            if (at >= 0)
            {
                var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
                var start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
                url = url.Substring(0, start) + Mask + url.Substring(at);
            }
            return Redact(url);
        }

        /// <summary>Registers the password (and whole user info) of a URL, so it is masked wherever it is echoed.</summary>
        public static void RegisterUrlUserInfo(string? url)
        {
            if (url == null)
            {
                return;
            }
            var at = url.LastIndexOf('@');
            if (at < 0)
            {
                return;
            }
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            var start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
            var userInfo = url.Substring(start, at - start);
            var colon = userInfo.IndexOf(':');
            Register(userInfo, colon >= 0 ? userInfo.Substring(colon + 1) : null);
        }

        /// <summary>
        /// The exception itself when its messages hold no secret; else an equivalent service exception (same code,
        /// status and request id) whose message is redacted, so error records and their serialized forms stay clean.
        /// </summary>
        public static Exception? Scrub(Exception? exception)
        {
            if (exception == null || !Carries(exception))
            {
                return exception;
            }
            if (exception is AmazonServiceException service)
            {
                return new AmazonServiceException(Redact(service.Message), null, service.ErrorType, service.ErrorCode, service.RequestId, service.StatusCode);
            }
            return new InvalidOperationException(Redact(exception.Message));
        }

        private static bool Carries(Exception exception)
        {
            for (var current = exception; current != null; current = current.InnerException)
            {
                if (Redact(current.Message) != current.Message)
                {
                    return true;
                }
            }
            return false;
        }
    }
}

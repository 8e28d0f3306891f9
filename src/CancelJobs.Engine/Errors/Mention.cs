using System;
using System.Text;

namespace CancelJobs.Engine.Errors
{
    /// <summary>
    /// How engine messages name a setting without knowing what the caller calls it: a placeholder that the caller's
    /// <see cref="Fill"/> replaces with its own name (the cmdlets: the parameter, "-Region"). The engine knows the
    /// setting, never the parameter.
    /// </summary>
    public static class Mention
    {
        // Private-use characters: no identifier, AWS answer or file path the messages quote is expected to hold them,
        // and one that did would only get a setting's name in their place.
        private const char Open = '\uE000';
        private const char Close = '\uE001';

        public static readonly string Region = Of(Setting.Region);
        public static readonly string ProfileName = Of(Setting.ProfileName);
        public static readonly string ProfileLocation = Of(Setting.ProfileLocation);
        public static readonly string EndpointUrl = Of(Setting.EndpointUrl);
        public static readonly string AccessKey = Of(Setting.AccessKey);
        public static readonly string SecretKey = Of(Setting.SecretKey);
        public static readonly string SessionToken = Of(Setting.SessionToken);
        public static readonly string Credential = Of(Setting.Credential);
        public static readonly string ThrottleTimeout = Of(Setting.ThrottleTimeout);
        public static readonly string MaxRequestsPerSecond = Of(Setting.MaxRequestsPerSecond);
        public static readonly string Debug = Of(Setting.Debug);

        public static string Of(Setting setting) => Open + setting.ToString() + Close;

        /// <summary>The text with every mention replaced by <paramref name="nameOf"/>'s name for that setting.</summary>
        public static string Fill(string text, Func<Setting, string> nameOf)
        {
            if (text.IndexOf(Open) < 0)
            {
                return text;
            }
            var filled = new StringBuilder(text.Length);
            var at = 0;
            while (at < text.Length)
            {
                var open = text.IndexOf(Open, at);
                var close = open < 0 ? -1 : text.IndexOf(Close, open + 1);
                if (open < 0 || close < 0)
                {
                    filled.Append(text, at, text.Length - at);
                    break;
                }
                filled.Append(text, at, open - at);
                var name = text.Substring(open + 1, close - open - 1);
                filled.Append(Enum.TryParse<Setting>(name, out var setting) && Enum.IsDefined(typeof(Setting), setting) ? nameOf(setting) : name);
                at = close + 1;
            }
            return filled.ToString();
        }
    }
}

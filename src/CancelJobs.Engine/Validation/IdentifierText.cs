using System.Globalization;
using System.Text;

namespace CancelJobs.Engine.Validation
{
    /// <summary>Identifiers as they may appear in messages: control characters escaped, so a value cannot forge log lines.</summary>
    public static class IdentifierText
    {
        /// <summary>\n, \r, \t and \0 by name, any other control character as \uXXXX; the rest unchanged.</summary>
        public static string Escape(string text)
        {
            var index = IndexOfControl(text);
            if (index < 0)
            {
                return text;
            }
            var escaped = new StringBuilder(text, 0, index, text.Length + 8);
            for (var i = index; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '\n': escaped.Append("\\n"); break;
                    case '\r': escaped.Append("\\r"); break;
                    case '\t': escaped.Append("\\t"); break;
                    case '\0': escaped.Append("\\0"); break;
                    default:
                        if (char.IsControl(c))
                        {
                            escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            escaped.Append(c);
                        }
                        break;
                }
            }
            return escaped.ToString();
        }

        /// <summary>The position of the first control character, or -1.</summary>
        public static int IndexOfControl(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsControl(text[i]))
                {
                    return i;
                }
            }
            return -1;
        }
    }
}

using System.Globalization;
using System.Text;

namespace CancelJobs.Engine.Validation
{
    /// <summary>
    /// Identifiers as they may appear in messages: control characters escaped, so a value cannot forge log lines. "Control"
    /// here also covers what rewrites text without being a C0/C1 control: line and paragraph separators (U+2028/9),
    /// format characters (U+202E reverses what follows, U+200B hides) and a lone surrogate.
    /// </summary>
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
                        if (IsControlAt(text, i))
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

        /// <summary>The position of the first control character (in the wide sense above), or -1.</summary>
        public static int IndexOfControl(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (IsControlAt(text, i))
                {
                    return i;
                }
            }
            return -1;
        }

        private static bool IsControlAt(string text, int index)
        {
            var c = text[index];
            if (char.IsHighSurrogate(c))
            {
                // A pair is one character (an emoji, say); a half on its own is not text.
                return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
            }
            if (char.IsLowSurrogate(c))
            {
                return index == 0 || !char.IsHighSurrogate(text[index - 1]);
            }
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                    return true;
                default:
                    return false;
            }
        }
    }
}

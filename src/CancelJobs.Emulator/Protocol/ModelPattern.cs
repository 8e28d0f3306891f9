using System.Text.RegularExpressions;

namespace CancelJobs.Emulator.Protocol;

/// <summary>
/// A model's @pattern (ECMA-262) as .NET evaluates it: .NET's "$" also matches before a final newline, so a
/// trailing "$" becomes "\z" (end of the value only). Messages quote the model's own text.
/// </summary>
internal sealed class ModelPattern
{
    private readonly Regex regex;

    /// <param name="modelText">The pattern exactly as the model writes it.</param>
    /// <param name="dotNetText">A translation for what .NET reads differently (code points vs UTF-16 units); default the model's text.</param>
    public ModelPattern(string modelText, string? dotNetText = null)
    {
        ModelText = modelText;
        string text = dotNetText ?? modelText;
        if (text.EndsWith('$') && !text.EndsWith(@"\$")) text = text[..^1] + @"\z";
        regex = new Regex(text, RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    public string ModelText { get; }

    public bool IsMatch(string value) => regex.IsMatch(value);
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CancelJobs.HelpGenerator
{
    /// <summary>An example: a title, the code, and what it does.</summary>
    internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

    /// <summary>A heading under INPUTS, OUTPUTS or PARAMETERS and the paragraphs below it.</summary>
    internal sealed record HelpEntry(string Name, IReadOnlyList<string> Paragraphs);

    /// <summary>
    /// One docs/help/&lt;Cmdlet&gt;.md file, in platyPS's layout, reduced to what the help needs:
    /// <code>
    /// # Verb-Noun
    /// ## SYNOPSIS / ## DESCRIPTION / ## NOTES        paragraphs
    /// ## EXAMPLES        ### Example 1: Title, a ```powershell block, then paragraphs
    /// ## PARAMETERS      ### -Name, then paragraphs
    /// ## INPUTS / ## OUTPUTS   ### Type.Name, then paragraphs
    /// ## RELATED LINKS   - [Text](uri) or - Text
    /// </code>
    /// </summary>
    internal sealed class HelpDocument
    {
        private static readonly string[] Sections = { "SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        public string Path { get; private init; } = "";
        public string Title { get; private init; } = "";
        public IReadOnlyList<string> Synopsis { get; private init; } = Array.Empty<string>();
        public IReadOnlyList<string> Description { get; private init; } = Array.Empty<string>();
        public IReadOnlyList<HelpExample> Examples { get; private init; } = Array.Empty<HelpExample>();
        public IReadOnlyList<HelpEntry> Parameters { get; private init; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<HelpEntry> Inputs { get; private init; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<HelpEntry> Outputs { get; private init; } = Array.Empty<HelpEntry>();
        public IReadOnlyList<string> Notes { get; private init; } = Array.Empty<string>();
        public IReadOnlyList<(string Text, string Uri)> Links { get; private init; } = Array.Empty<(string, string)>();

        public static HelpDocument Read(string path)
        {
            var lines = File.ReadAllLines(path);
            var start = 0;
            if (lines.Length > 0 && lines[0].Trim() == "---")
            {
                // platyPS-style front matter: ignored.
                start = Array.FindIndex(lines, 1, l => l.Trim() == "---") + 1;
                if (start == 0)
                {
                    throw new HelpException(path, "front matter (---) is not closed.");
                }
            }

            string? title = null;
            var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            List<string>? current = null;
            var inCode = false;
            for (var i = start; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                }
                if (!inCode && line.StartsWith("# ", StringComparison.Ordinal))
                {
                    if (title != null)
                    {
                        throw new HelpException(path, $"line {i + 1}: a second '# ' title.");
                    }
                    title = line.Substring(2).Trim();
                    continue;
                }
                if (!inCode && line.StartsWith("## ", StringComparison.Ordinal))
                {
                    var name = line.Substring(3).Trim().ToUpperInvariant();
                    if (!Sections.Contains(name))
                    {
                        throw new HelpException(path, $"line {i + 1}: unknown section '## {name}' (expected one of {string.Join(", ", Sections)}).");
                    }
                    if (sections.ContainsKey(name))
                    {
                        throw new HelpException(path, $"line {i + 1}: section '## {name}' appears twice.");
                    }
                    sections[name] = current = new List<string>();
                    continue;
                }
                if (current == null)
                {
                    // Text between the title and the first section is for readers of the markdown only.
                    continue;
                }
                current.Add(line);
            }
            if (inCode)
            {
                throw new HelpException(path, "a ``` code block is not closed.");
            }
            if (title == null)
            {
                throw new HelpException(path, "no '# <Cmdlet name>' title.");
            }

            List<string> Section(string name) => sections.TryGetValue(name, out var body) ? body : new List<string>();
            return new HelpDocument
            {
                Path = path,
                Title = title,
                Synopsis = Paragraphs(Section("SYNOPSIS")),
                Description = Paragraphs(Section("DESCRIPTION")),
                Examples = ReadExamples(path, Section("EXAMPLES")),
                Parameters = Entries(path, Section("PARAMETERS"), "PARAMETERS")
                    .Select(e => e.Name.StartsWith("-", StringComparison.Ordinal) ? e with { Name = e.Name.Substring(1) }
                        : throw new HelpException(path, $"parameter heading '### {e.Name}' must start with '-'."))
                    .ToList(),
                Inputs = Entries(path, Section("INPUTS"), "INPUTS"),
                Outputs = Entries(path, Section("OUTPUTS"), "OUTPUTS"),
                Notes = Paragraphs(Section("NOTES")),
                Links = ReadLinks(path, Section("RELATED LINKS")),
            };
        }

        /// <summary>
        /// Markdown prose to help paragraphs: blank lines separate paragraphs, a "- " line starts a list item,
        /// other lines join with a space. Inline code marks and emphasis are dropped: Get-Help prints plain text.
        /// </summary>
        public static IReadOnlyList<string> Paragraphs(IEnumerable<string> lines)
        {
            var paragraphs = new List<string>();
            var current = new List<string>();
            void Flush()
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(Plain(string.Join(" ", current)));
                    current.Clear();
                }
            }
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0)
                {
                    Flush();
                    continue;
                }
                if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
                {
                    Flush();
                    line = "- " + line.Substring(2).Trim();
                }
                current.Add(line);
            }
            Flush();
            return paragraphs;
        }

        private static string Plain(string text)
        {
            text = Regex.Replace(text, @"\[([^\]]+)\]\([^)]*\)", "$1");
            text = text.Replace("**", "").Replace("`", "");
            return text;
        }

        private static List<(string Heading, int Line, List<string> Body)> Split(List<string> lines)
        {
            var parts = new List<(string, int, List<string>)>();
            List<string>? body = null;
            var inCode = false;
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCode = !inCode;
                }
                if (!inCode && line.StartsWith("### ", StringComparison.Ordinal))
                {
                    body = new List<string>();
                    parts.Add((line.Substring(4).Trim(), i, body));
                    continue;
                }
                if (body == null)
                {
                    if (line.Trim().Length > 0)
                    {
                        parts.Add(("", i, new List<string> { line }));
                    }
                    continue;
                }
                body.Add(line);
            }
            return parts;
        }

        private static IReadOnlyList<HelpEntry> Entries(string path, List<string> lines, string section)
        {
            var entries = new List<HelpEntry>();
            foreach (var (heading, _, body) in Split(lines))
            {
                if (heading.Length == 0)
                {
                    throw new HelpException(path, $"## {section}: text before the first '### ' heading.");
                }
                if (entries.Any(e => string.Equals(e.Name, heading, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new HelpException(path, $"## {section}: '### {heading}' appears twice.");
                }
                entries.Add(new HelpEntry(heading, Paragraphs(body)));
            }
            return entries;
        }

        private static IReadOnlyList<HelpExample> ReadExamples(string path, List<string> lines)
        {
            var examples = new List<HelpExample>();
            foreach (var (heading, _, body) in Split(lines))
            {
                if (heading.Length == 0)
                {
                    throw new HelpException(path, "## EXAMPLES: text before the first '### Example' heading.");
                }
                var code = new List<string>();
                var prose = new List<string>();
                var inCode = false;
                var blocks = 0;
                foreach (var line in body)
                {
                    if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                    {
                        inCode = !inCode;
                        if (inCode && blocks++ > 0)
                        {
                            code.Add("");
                        }
                        continue;
                    }
                    (inCode ? code : prose).Add(line);
                }
                var remarks = Paragraphs(prose);
                if (blocks == 0 || code.All(l => l.Trim().Length == 0))
                {
                    throw new HelpException(path, $"'### {heading}' has no ```powershell code block.");
                }
                if (remarks.Count == 0)
                {
                    throw new HelpException(path, $"'### {heading}' has no sentence saying what it does.");
                }
                examples.Add(new HelpExample(heading, string.Join("\n", code).Trim('\n'), remarks));
            }
            return examples;
        }

        private static IReadOnlyList<(string, string)> ReadLinks(string path, List<string> lines)
        {
            var links = new List<(string, string)>();
            foreach (var raw in lines)
            {
                var line = raw.Trim();
                if (line.Length == 0)
                {
                    continue;
                }
                var match = Regex.Match(line, @"^[-*]\s+(?:\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)|(?<text>.+))$");
                if (!match.Success)
                {
                    throw new HelpException(path, $"## RELATED LINKS: '{line}' is not a '- [text](uri)' item.");
                }
                links.Add((match.Groups["text"].Value.Trim(), match.Groups["uri"].Value.Trim()));
            }
            return links;
        }
    }

    internal sealed class HelpException : Exception
    {
        public HelpException(string path, string message) : base($"{path}: {message}")
        {
        }
    }
}

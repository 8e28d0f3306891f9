using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CancelJobs.Engine.Errors;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// The ErrorIds users read about are the ones the module writes: every ErrorId that README, the command help and
    /// about_CancelJobs name as one exists in <see cref="ErrorIds"/>, and every one there is in README's table.
    /// </summary>
    public sealed class ErrorIdDocumentationTests
    {
        private static readonly string Root = RepoRoot();

        [Fact]
        public void EveryErrorIdInTheCodeIsInTheReadmesTable()
        {
            var table = ReadmeTableIds(ReadmeSection("Every ErrorId"));
            Assert.Empty(ErrorIds.All.Except(table).OrderBy(id => id));
            Assert.Empty(table.Except(ErrorIds.All).OrderBy(id => id));
        }

        [Fact]
        public void EveryErrorIdTheDocsNameExistsInTheCode()
        {
            var named = new List<(string File, string Id)>();
            var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
            named.AddRange(ReadmeTableIds(readme).Select(id => ("README.md", id)));
            named.AddRange(ListedAfterTheWordErrorId(readme).Select(id => ("README.md", id)));
            foreach (var help in Directory.GetFiles(Path.Combine(Root, "docs", "help"), "*.*", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(help);
                named.AddRange(ListedAfterTheWordErrorId(text).Select(id => (Path.GetFileName(help), id)));
                if (help.EndsWith("about_CancelJobs.help.txt", StringComparison.Ordinal))
                {
                    // Its ErrorId glossaries: "    EndpointNotAws      The endpoint answered ..."
                    named.AddRange(Regex.Matches(text, @"^    ([A-Z][a-z]+(?:[A-Z][A-Za-z]*)+) +[A-Z]", RegexOptions.Multiline)
                        .Select(m => (Path.GetFileName(help), m.Groups[1].Value)));
                }
            }
            Assert.NotEmpty(named);
            Assert.Empty(named.Where(n => !ErrorIds.All.Contains(n.Id)).Select(n => $"{n.File}: {n.Id}").Distinct());
        }

        [Fact]
        public void TheExtractionFindsTheIdsTheDocsAreKnownToName()
        {
            // Guards the two tests above against a parser that finds nothing to compare.
            var about = File.ReadAllText(Path.Combine(Root, "docs", "help", "about_CancelJobs.help.txt"));
            Assert.Contains("EndpointNotAws", Regex.Matches(about, @"^    ([A-Z][a-z]+(?:[A-Z][A-Za-z]*)+) +[A-Z]", RegexOptions.Multiline).Select(m => m.Groups[1].Value));
            var iotHelp = File.ReadAllText(Path.Combine(Root, "docs", "help", "Stop-IoTJobExecution.md"));
            Assert.Contains("JobNotFound", ListedAfterTheWordErrorId(iotHelp));
            Assert.True(ReadmeTableIds(ReadmeSection("Every ErrorId")).Count >= 30);
        }

        /// <summary>First cells of the tables whose first header cell is "ErrorId".</summary>
        private static HashSet<string> ReadmeTableIds(string markdown)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var inTable = false;
            foreach (var line in markdown.Split('\n'))
            {
                if (!line.StartsWith("|", StringComparison.Ordinal))
                {
                    inTable = false;
                    continue;
                }
                if (line.StartsWith("| ErrorId |", StringComparison.Ordinal))
                {
                    inTable = true;
                    continue;
                }
                var first = Regex.Match(line, @"^\| `(\w+)` \|");
                if (inTable && first.Success)
                {
                    ids.Add(first.Groups[1].Value);
                }
            }
            return ids;
        }

        /// <summary>"stable ErrorId (`JobNotFound`, InvalidJobState, ...)": the names in the parentheses.</summary>
        private static IEnumerable<string> ListedAfterTheWordErrorId(string text) =>
            Regex.Matches(text, @"ErrorIds? \(([^)]*)\)")
                .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"\b[A-Z][a-z]+(?:[A-Z][A-Za-z]*)+\b").Select(id => id.Value));

        private static string ReadmeSection(string heading)
        {
            var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
            var start = readme.IndexOf("## " + heading + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, $"README has no section '{heading}'.");
            var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
            return end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
        }

        private static string RepoRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "CancelJobs.sln")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("CancelJobs.sln not found");
        }
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CancelJobs.Tests.Completeness
{
    /// <summary>
    /// The files every operation needs, its engine folder's one file per type included, checked in a repository tree:
    /// the "Adding an operation" checklist of docs/DESIGN-NOTES.md, as far as a file can show it.
    /// </summary>
    public sealed class ServiceChecklist
    {
        private static readonly string AboutTopic = Path.Combine("docs", "help", "about_CancelJobs.help.txt");

        private readonly string root;
        private readonly ISet<string> exported;
        private readonly ISet<string> viewed;

        public ServiceChecklist(string root)
        {
            this.root = root;
            exported = ManifestExports(Path.Combine(root, "CancelJobs.psd1"));
            // The shared format file and each operation's own (src/CancelJobs/Formats/*.Format.ps1xml).
            viewed = new HashSet<string>(FormatViewTypes(Path.Combine(root, "src", "CancelJobs", "CancelJobs.Format.ps1xml")), StringComparer.Ordinal);
            foreach (var file in FilesUnder(Path.Combine("src", "CancelJobs", "Formats"), "*.Format.ps1xml"))
            {
                viewed.UnionWith(FormatViewTypes(file));
            }
        }

        /// <summary>Each missing piece as "Folder: what is missing".</summary>
        public IReadOnlyList<string> Missing(JobServiceShape service)
        {
            var missing = new List<string>(service.ModuleProblems);
            var folder = service.Folder;
            // The engine's folder holds one file per type, each named after the cmdlets' noun (<Noun>Target, <Noun>,
            // <Noun>Cancellation, <Noun>Criteria, the service class <Noun>s).
            foreach (var (role, fullName, suffix) in new[]
            {
                ("target", service.TargetType, "Target"), ("record", service.RecordType, ""), ("cancellation", service.CancellationType, "Cancellation"),
                ("criteria", service.CriteriaType, "Criteria"), ("service class", service.ServiceType, "s"),
            })
            {
                if (fullName == null || service.Noun == null)
                {
                    continue;
                }
                var name = fullName.Split('.').Last();
                if (name != service.Noun + suffix)
                {
                    missing.Add($"the {role} type {name} is not named after the noun of {service.StopCmdlet ?? service.GetCmdlet}: {service.Noun + suffix}");
                }
                Require(missing, Path.Combine("src", "CancelJobs.Engine", folder, name + ".cs"), $"engine file for the {role} type");
            }
            foreach (var cmdlet in new[] { service.StopCmdlet, service.GetCmdlet }.OfType<string>())
            {
                if (!exported.Contains(cmdlet))
                {
                    missing.Add($"CancelJobs.psd1 CmdletsToExport lacks {cmdlet}");
                }
                Require(missing, Path.Combine("docs", "help", cmdlet + ".md"), "help file");
                RequireTestsOf(missing, Path.Combine("tests", "CancelJobs.Tests", cmdlet.Replace("-", "") + "Tests.cs"), "hosted test class", cmdlet);
                if (!Mentions("README.md", cmdlet))
                {
                    missing.Add($"README.md does not mention {cmdlet}");
                }
                if (!Regex.IsMatch(File.Exists(Path.Combine(root, AboutTopic)) ? File.ReadAllText(Path.Combine(root, AboutTopic)) : "", $@"^\s+{Regex.Escape(cmdlet)}\s*$", RegexOptions.Multiline))
                {
                    missing.Add($"about_CancelJobs does not list {cmdlet} under SEE ALSO");
                }
            }
            foreach (var type in new[] { service.CancellationType, service.RecordType }.OfType<string>())
            {
                if (!viewed.Contains(type))
                {
                    missing.Add($"CancelJobs.Format.ps1xml (nor src/CancelJobs/Formats/) has no view for {type}");
                }
            }
            // Real pwsh sees each command once, in its Get | Stop cross-section; behaviour is the hosted classes' (tests/README.md).
            if (service.StopCmdlet != null && service.GetCmdlet != null
                && !HasCrossSection(Path.Combine(root, CrossSectionsFile), service.GetCmdlet, service.StopCmdlet))
            {
                missing.Add($"no test in {CrossSectionsFile.Replace('\\', '/')} pipes {service.GetCmdlet} into {service.StopCmdlet} and checks the emulator's request log and state");
            }

            // The emulator stands in for AWS: it must serve every operation the engine's folder sends.
            var emulatorFolder = Path.Combine("src", "CancelJobs.Emulator", "Services", folder);
            var served = string.Concat(FilesUnder(emulatorFolder, "*.cs").Select(File.ReadAllText));
            foreach (var operation in OperationsSent(folder))
            {
                if (!Regex.IsMatch(served, $@"Operation\.(Rest|Json)\(\s*""{operation}"""))
                {
                    missing.Add($"the emulator ({emulatorFolder}) has no route for {operation}");
                }
            }
            if (!Mentions(Path.Combine("src", "CancelJobs.Emulator", "Hosting", "ServiceCatalog.cs"), $"new {folder}Service("))
            {
                missing.Add($"the emulator's ServiceCatalog does not register {folder}Service");
            }
            if (!Mentions(Path.Combine("src", "CancelJobs.Emulator", "Seeding", "SeedDocument.cs"), $"<{folder}Seed>"))
            {
                missing.Add($"the emulator's SeedDocument has no {folder}Seed section");
            }
            // The official JS client drives every operation against the emulator (its command class named in a conformance test).
            var conformance = string.Concat(FilesUnder(Path.Combine("tests", "Conformance", "test"), "*.mjs").Select(File.ReadAllText));
            foreach (var operation in OperationsSent(folder))
            {
                if (!conformance.Contains(operation + "Command", StringComparison.Ordinal))
                {
                    missing.Add($"no conformance test drives {operation} with the official JS client ({operation}Command)");
                }
            }
            Require(missing, Path.Combine("tests", "CancelJobs.Emulator.Tests", folder + "Tests.cs"), "emulator test class");
            Require(missing, Path.Combine("tests", "Conformance", "test", folder.ToLowerInvariant() + ".test.mjs"), "conformance test (official JS client against the emulator)");
            if (!Mentions(Path.Combine("tests", "CancelJobs.Engine.Tests", "WireTests.cs"), $"AwsService.{folder}"))
            {
                missing.Add($"WireTests.cs has no request for AwsService.{folder}'s own AWS endpoint");
            }
            return missing.Distinct(StringComparer.Ordinal).Select(m => $"{folder}: {m}").ToList();
        }

        /// <summary>Operation names the engine's service folder builds requests for.</summary>
        public IReadOnlyList<string> OperationsSent(string folder) =>
            FilesUnder(Path.Combine("src", "CancelJobs.Engine", folder), "*.cs")
                .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"ApiRequest\.(?:Rest|Json)\(\s*""(\w+)""").Select(m => m.Groups[1].Value))
                .Distinct(StringComparer.Ordinal).OrderBy(o => o, StringComparer.Ordinal).ToList();

        private void Require(List<string> missing, string relative, string what)
        {
            if (!File.Exists(Path.Combine(root, relative)))
            {
                missing.Add($"no {what} {relative.Replace('\\', '/')}");
            }
        }

        /// <summary>The test file must exist and hold a test that calls <paramref name="command"/>: an empty file shows nothing.</summary>
        private void RequireTestsOf(List<string> missing, string relative, string what, string command)
        {
            Require(missing, relative, what);
            var path = Path.Combine(root, relative);
            if (File.Exists(path) && !TestBodies(path).Any(body => body.Contains(command, StringComparison.Ordinal)))
            {
                missing.Add($"the {what} {relative.Replace('\\', '/')} has no test that calls {command}");
            }
        }

        /// <summary>The Pester file with one Get | Stop cross-section per command.</summary>
        public static readonly string CrossSectionsFile = Path.Combine("tests", "Pester", "CrossSections.Tests.ps1");

        /// <summary>
        /// Whether an It block of the Pester file at <paramref name="path"/> pipes <paramref name="getCmdlet"/> into
        /// <paramref name="stopCmdlet"/> (Get-X ... | Stop-X, other commands between them allowed) and checks the outcome
        /// against the emulator: its request log (Assert-OneLoggedCancelPerResult) and its state (Get-EmulatorJobs).
        /// Commands are found in the syntax tree, so a comment or a string naming them does not count.
        /// </summary>
        public static bool HasCrossSection(string path, string getCmdlet, string stopCmdlet)
        {
            if (!File.Exists(path))
            {
                return false;
            }
            var ast = Parser.ParseFile(path, out _, out _);
            return ast.FindAll(a => a is CommandAst command && string.Equals(command.GetCommandName(), "It", StringComparison.OrdinalIgnoreCase), true)
                .Any(test =>
                {
                    var calls = test.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).OfType<string>()
                        .ToHashSet(StringComparer.OrdinalIgnoreCase);
                    return calls.Contains("Assert-OneLoggedCancelPerResult") && calls.Contains("Get-EmulatorJobs")
                        && test.FindAll(a => a is PipelineAst, true).Cast<PipelineAst>().Any(pipeline => PipesInto(pipeline, getCmdlet, stopCmdlet));
                });
        }

        private static bool PipesInto(PipelineAst pipeline, string from, string to)
        {
            var names = pipeline.PipelineElements.Select(element => (element as CommandAst)?.GetCommandName()).ToList();
            var source = names.FindIndex(name => string.Equals(name, from, StringComparison.OrdinalIgnoreCase));
            return source >= 0 && names.Skip(source + 1).Any(name => string.Equals(name, to, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// The text of each test in a file: a Pester file's It blocks (by its syntax tree), an xunit class's methods
        /// marked [Fact] or [Theory] (from each attribute to the next).
        /// </summary>
        public static IEnumerable<string> TestBodies(string path)
        {
            if (path.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase))
            {
                var ast = Parser.ParseFile(path, out _, out _);
                return ast.FindAll(a => a is CommandAst command && string.Equals(command.GetCommandName(), "It", StringComparison.OrdinalIgnoreCase), true)
                    .Select(a => a.Extent.Text);
            }
            var text = File.ReadAllText(path);
            var starts = Regex.Matches(text, @"\[(Fact|Theory)\b").Select(m => m.Index).ToList();
            return starts.Select((start, i) => text.Substring(start, (i + 1 < starts.Count ? starts[i + 1] : text.Length) - start));
        }

        private bool Mentions(string relative, string text)
        {
            var path = Path.Combine(root, relative);
            return File.Exists(path) && File.ReadAllText(path).Contains(text, StringComparison.Ordinal);
        }

        private IEnumerable<string> FilesUnder(string relative, string pattern)
        {
            var path = Path.Combine(root, relative);
            return Directory.Exists(path) ? Directory.EnumerateFiles(path, pattern, SearchOption.AllDirectories) : Enumerable.Empty<string>();
        }

        private static ISet<string> ManifestExports(string manifest)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!File.Exists(manifest))
            {
                return names;
            }
            var ast = Parser.ParseFile(manifest, out _, out _);
            var table = (HashtableAst?)ast.Find(a => a is HashtableAst, false);
            var exports = table?.KeyValuePairs.FirstOrDefault(p => p.Item1 is StringConstantExpressionAst key && key.Value == "CmdletsToExport");
            foreach (var value in exports?.Item2.FindAll(a => a is StringConstantExpressionAst, true).Cast<StringConstantExpressionAst>() ?? Enumerable.Empty<StringConstantExpressionAst>())
            {
                names.Add(value.Value);
            }
            return names;
        }

        private static ISet<string> FormatViewTypes(string formatFile) =>
            File.Exists(formatFile)
                ? XDocument.Load(formatFile).Descendants("ViewSelectedBy").Elements("TypeName").Select(e => e.Value.Trim()).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>();
    }
}

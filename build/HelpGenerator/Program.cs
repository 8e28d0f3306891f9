using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Xml;

namespace CancelJobs.HelpGenerator
{
    /// <summary>
    /// Usage: CancelJobs.HelpGenerator --assembly &lt;CancelJobs.dll&gt; --docs &lt;docs/help&gt; --out &lt;CancelJobs.dll-Help.xml&gt; [--probe &lt;dir&gt;]...
    /// Fails (exit 1, one line per problem, MSBuild error format) when the markdown and the cmdlets disagree.
    /// </summary>
    internal static class Program
    {
        private const string SharedFolder = "shared";

        public static int Main(string[] args)
        {
            try
            {
                var options = Options.Parse(args);
                var commands = CmdletModel.Load(options.Assembly, options.Probe);
                var problems = new List<string>();
                var helps = Build(commands, options.Docs, problems);
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                    {
                        Console.Error.WriteLine("error HELP001: " + problem);
                    }
                    return 1;
                }
                Write(options.Out, MamlWriter.Write(helps));
                Console.WriteLine($"Help for {helps.Count} cmdlets written to {options.Out}");
                return 0;
            }
            catch (Exception error) when (error is HelpException or ArgumentException or IOException or XmlException)
            {
                Console.Error.WriteLine("error HELP001: " + error.Message);
                return 1;
            }
        }

        private static List<CommandHelp> Build(IReadOnlyList<CmdletCommand> commands, string docs, List<string> problems)
        {
            var shared = Directory.GetFiles(Path.Combine(docs, SharedFolder), "*.md").OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => HelpDocument.Read(f).Parameters).ToList();
            var documents = Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal).Select(HelpDocument.Read).ToList();

            foreach (var document in documents)
            {
                var fileName = Path.GetFileNameWithoutExtension(document.Path);
                if (document.Title != fileName)
                {
                    problems.Add($"{document.Path}: the title '# {document.Title}' does not match the file name.");
                }
                if (!commands.Any(c => c.Name == fileName))
                {
                    problems.Add($"{document.Path}: no cmdlet {fileName} in the module.");
                }
            }

            var helps = new List<CommandHelp>();
            foreach (var command in commands)
            {
                var document = documents.FirstOrDefault(d => Path.GetFileNameWithoutExtension(d.Path) == command.Name);
                if (document == null)
                {
                    problems.Add($"{command.Name} has no help: add {Path.Combine(docs, command.Name + ".md")}.");
                    continue;
                }
                var where = document.Path;
                if (document.Synopsis.Count != 1)
                {
                    problems.Add($"{where}: ## SYNOPSIS must be one paragraph.");
                }
                if (document.Description.Count == 0)
                {
                    problems.Add($"{where}: ## DESCRIPTION is empty.");
                }
                if (document.Examples.Count < 2)
                {
                    problems.Add($"{where}: ## EXAMPLES needs at least two examples (has {document.Examples.Count}).");
                }
                if (document.Inputs.Count == 0)
                {
                    problems.Add($"{where}: ## INPUTS is empty.");
                }
                var declared = command.OutputTypes.Select(CmdletModel.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var documented = document.Outputs.Select(o => o.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (!declared.SequenceEqual(documented))
                {
                    problems.Add($"{where}: ## OUTPUTS must list the [OutputType] types ({string.Join(", ", declared)}), not ({string.Join(", ", documented)}).");
                }

                var visible = command.Parameters.Where(p => !p.DontShow).ToList();
                if (command.SupportsShouldProcess)
                {
                    visible.Add(ShouldProcessParameter("WhatIf", "wi"));
                    visible.Add(ShouldProcessParameter("Confirm", "cf"));
                }
                foreach (var entry in document.Parameters)
                {
                    if (!visible.Any(p => p.Name == entry.Name))
                    {
                        problems.Add($"{where}: '### -{entry.Name}' is not a parameter of {command.Name}" +
                            (command.Parameters.Any(p => p.Name == entry.Name) ? " that users see (it is DontShow)." : "."));
                    }
                }
                var parameters = new List<HelpParameter>();
                foreach (var parameter in visible)
                {
                    var description = (document.Parameters.FirstOrDefault(e => e.Name == parameter.Name) ?? shared.FirstOrDefault(e => e.Name == parameter.Name))?.Paragraphs;
                    if (description == null || description.Count == 0)
                    {
                        problems.Add($"{where}: -{parameter.Name} has no description (add '### -{parameter.Name}' here or in {SharedFolder}/).");
                        continue;
                    }
                    parameters.Add(new HelpParameter(parameter, description));
                }
                helps.Add(new CommandHelp(command, document, parameters));
            }
            return helps;
        }

        /// <summary>-WhatIf and -Confirm, which PowerShell adds to every SupportsShouldProcess cmdlet.</summary>
        private static CmdletParameter ShouldProcessParameter(string name, string alias) =>
            new CmdletParameter(name, typeof(SwitchParameter), new[] { alias }, Array.Empty<string>(), "False",
                new Dictionary<string, ParameterInSet> { [ParameterAttribute.AllParameterSets] = new ParameterInSet(name, false, null, false, false) }, false);

        /// <summary>Writes through a temporary file, so a reader never sees half a help file.</summary>
        private static void Write(string path, System.Xml.Linq.XDocument document)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = path + ".tmp";
            using (var writer = XmlWriter.Create(temporary, settings))
            {
                document.Save(writer);
            }
            File.Move(temporary, path, overwrite: true);
        }

        private sealed class Options
        {
            public string Assembly { get; private set; } = "";
            public string Docs { get; private set; } = "";
            public string Out { get; private set; } = "";
            public List<string> Probe { get; } = new List<string>();

            public static Options Parse(string[] args)
            {
                var options = new Options();
                for (var i = 0; i < args.Length; i++)
                {
                    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
                    switch (args[i])
                    {
                        case "--assembly": options.Assembly = value; break;
                        case "--docs": options.Docs = value; break;
                        case "--out": options.Out = value; break;
                        case "--probe": options.Probe.Add(value); break;
                        default: throw new ArgumentException($"Unknown argument {args[i]}.");
                    }
                    i++;
                }
                if (options.Assembly.Length == 0 || options.Docs.Length == 0 || options.Out.Length == 0)
                {
                    throw new ArgumentException("Usage: CancelJobs.HelpGenerator --assembly <dll> --docs <folder> --out <file> [--probe <folder>]...");
                }
                return options;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace CancelJobs.HelpGenerator
{
    /// <summary>The help for one cmdlet, checked: every visible parameter has a description.</summary>
    internal sealed record CommandHelp(CmdletCommand Command, HelpDocument Document, IReadOnlyList<HelpParameter> Parameters);

    /// <summary>A visible parameter with its description (WhatIf and Confirm included for ShouldProcess cmdlets).</summary>
    internal sealed record HelpParameter(CmdletParameter Parameter, IReadOnlyList<string> Description);

    /// <summary>Writes MAML (helpItems/command:command) the way PowerShell's help system reads it for binary cmdlets.</summary>
    internal static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        public static XDocument Write(IEnumerable<CommandHelp> commands) =>
            new XDocument(new XDeclaration("1.0", "utf-8", null),
                new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

        private static XElement CommandElement(CommandHelp help)
        {
            var command = help.Command;
            var document = help.Document;
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XElement(Command + "details",
                    new XElement(Command + "name", command.Name),
                    new XElement(Command + "verb", command.Verb),
                    new XElement(Command + "noun", command.Noun),
                    Description(document.Synopsis)),
                Description(document.Description),
                new XElement(Command + "syntax", command.ParameterSets.Select(set => SyntaxItem(help, set))),
                new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p, FirstSetOf(command, p.Parameter), AllSetsMandatory(command, p.Parameter)))),
                new XElement(Command + "inputTypes", document.Inputs.Select(i =>
                    new XElement(Command + "inputType", TypeElement(i.Name), Description(i.Paragraphs)))),
                new XElement(Command + "returnValues", document.Outputs.Select(o =>
                    new XElement(Command + "returnValue", TypeElement(o.Name), Description(o.Paragraphs)))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(document.Notes))),
                new XElement(Command + "examples", document.Examples.Select((e, i) =>
                    new XElement(Command + "example",
                        new XElement(Maml + "title", ExampleTitle(e.Title)),
                        new XElement(Dev + "code", e.Code),
                        new XElement(Dev + "remarks", Paras(e.Remarks))))),
                new XElement(Command + "relatedLinks", document.Links.Select(l =>
                    new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
        }

        /// <summary>One syntax line: positional parameters by position, then mandatory, then optional, WhatIf/Confirm last.</summary>
        private static XElement SyntaxItem(CommandHelp help, string set)
        {
            var inSet = help.Parameters
                .Select((p, index) => (Help: p, Index: index, Set: p.Parameter.In(set)))
                .Where(x => x.Set != null)
                .OrderBy(x => x.Set!.Position.HasValue ? 0 : x.Set!.Mandatory ? 1 : IsShouldProcess(x.Help.Parameter) ? 3 : 2)
                .ThenBy(x => x.Set!.Position ?? 0)
                .ThenBy(x => x.Index);
            return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Command.Name),
                inSet.Select(x => ParameterElement(x.Help, x.Set!, x.Set!.Mandatory)));
        }

        // A cmdlet cannot declare these itself; Program adds them for SupportsShouldProcess cmdlets.
        private static bool IsShouldProcess(CmdletParameter parameter) => parameter.Name is "WhatIf" or "Confirm";

        private static ParameterInSet FirstSetOf(CmdletCommand command, CmdletParameter parameter) =>
            command.ParameterSets.Select(parameter.In).FirstOrDefault(s => s != null) ?? parameter.Sets.Values.First();

        private static bool AllSetsMandatory(CmdletCommand command, CmdletParameter parameter) =>
            command.ParameterSets.Select(parameter.In).Where(s => s != null).All(s => s!.Mandatory);

        private static XElement ParameterElement(HelpParameter help, ParameterInSet set, bool required)
        {
            var parameter = help.Parameter;
            var pipeline = set.ByValue && set.ByPropertyName ? "True (ByPropertyName, ByValue)"
                : set.ByValue ? "True (ByValue)"
                : set.ByPropertyName ? "True (ByPropertyName)"
                : "False";
            var typeName = CmdletModel.ShortName(parameter.Type);
            return new XElement(Command + "parameter",
                new XAttribute("required", required ? "true" : "false"),
                new XAttribute("variableLength", "true"),
                new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", set.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
                new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(help.Description),
                parameter.ValidValues.Count == 0 ? null : new XElement(Command + "parameterValueGroup",
                    parameter.ValidValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v))),
                parameter.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), typeName),
                new XElement(Dev + "type", new XElement(Maml + "name", CmdletModel.FullName(parameter.Type)), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", parameter.DefaultValue));
        }

        private static string ExampleTitle(string title) => $"--------- {title} ---------";

        private static XElement TypeElement(string name) =>
            new XElement(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"), new XElement(Maml + "description"));

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));
    }
}

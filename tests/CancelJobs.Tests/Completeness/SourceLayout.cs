using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CancelJobs.Tests.Completeness
{
    /// <summary>
    /// How the C# sources under src/ are laid out: one top-level type per file, the file named after it (generic arity
    /// aside), in the namespace its folder says (the project's RootNamespace, then each folder below the project).
    /// Read with Roslyn's parser, so comments, strings and nested types cannot fool it.
    /// </summary>
    public static class SourceLayout
    {
        /// <summary>Every breach in the projects under <paramref name="root"/>/src, as "path: what is wrong" (path relative to root, with '/').</summary>
        public static IReadOnlyList<string> Violations(string root)
        {
            var violations = new List<string>();
            foreach (var project in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                var projectFolder = Path.GetDirectoryName(project)!;
                var rootNamespace = RootNamespaceOf(project);
                foreach (var file in Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    var folders = Path.GetRelativePath(projectFolder, Path.GetDirectoryName(file)!).Split(Path.DirectorySeparatorChar)
                        .Where(segment => segment != ".").ToList();
                    if (folders.Count > 0 && (folders[0] == "bin" || folders[0] == "obj"))
                    {
                        continue;
                    }
                    var expected = string.Join(".", new[] { rootNamespace }.Concat(folders));
                    var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                    violations.AddRange(Check(Path.GetFileName(file), File.ReadAllText(file), expected).Select(problem => $"{relative}: {problem}"));
                }
            }
            return violations;
        }

        /// <summary>What is wrong with one file's text, given its name and the namespace its folder says.</summary>
        public static IReadOnlyList<string> Check(string fileName, string text, string expectedNamespace)
        {
            var unit = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetCompilationUnitRoot();
            var types = unit.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .Where(node => node is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
                .Where(node => node.Parent is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .Cast<MemberDeclarationSyntax>().ToList();
            var problems = new List<string>();
            var stem = Path.GetFileNameWithoutExtension(fileName);
            if (types.Count == 0)
            {
                problems.Add("declares no type");
                return problems;
            }
            if (types.Count > 1)
            {
                problems.Add($"declares {types.Count} top-level types ({string.Join(", ", types.Select(NameOf))}): one per file");
            }
            else if (NameOf(types[0]) != stem)
            {
                problems.Add($"declares {NameOf(types[0])}: the file must be named {NameOf(types[0])}.cs");
            }
            foreach (var type in types)
            {
                var actual = string.Join(".", type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()));
                if (actual != expectedNamespace)
                {
                    problems.Add($"{NameOf(type)} is in namespace '{actual}': its folder says {expectedNamespace}");
                }
            }
            return problems;
        }

        private static string NameOf(MemberDeclarationSyntax type) => type switch
        {
            BaseTypeDeclarationSyntax declared => declared.Identifier.Text,
            DelegateDeclarationSyntax @delegate => @delegate.Identifier.Text,
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };

        /// <summary>The project's RootNamespace, or its file name as MSBuild defaults it.</summary>
        private static string RootNamespaceOf(string project) =>
            XDocument.Load(project).Descendants("RootNamespace").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
                ?? Path.GetFileNameWithoutExtension(project);
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// What Windows PowerShell 5.1 (.NET Framework 4.7.2 or later) would load, checked here without it: the cmdlet and
    /// loader assemblies and everything in dependencies/desktop/ are built for .NET Standard 2.0 or .NET Framework, and
    /// every assembly they reference is in that folder, in .NET Framework 4.7.2 (its reference assemblies, facades
    /// included), or PowerShell's own. The sources also compile against .NET Framework 4.7.2 (build/DesktopCheck).
    /// </summary>
    public sealed class DesktopDependencyTests
    {
        private static readonly string Module = Path.Combine(RepoPaths.Root, "out", "CancelJobs");
        private static readonly string Desktop = Path.Combine(Module, "dependencies", "desktop");

        /// <summary>Windows PowerShell provides it; the loader's PowerShell 7 path (IsolatedResolver) is never run there.</summary>
        private static readonly HashSet<string> ProvidedOrNotLoadedThere = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "System.Management.Automation",
            "System.Runtime.Loader",
        };

        private static IEnumerable<string> DesktopLoads() =>
            new[] { Path.Combine(Module, "CancelJobs.dll"), Path.Combine(Module, "CancelJobs.Loader.dll") }
                .Concat(Directory.GetFiles(Desktop, "*.dll"));

        [Fact]
        public void EveryAssemblyWindowsPowerShellLoadsIsBuiltForNetStandard20OrNetFramework()
        {
            var wrong = DesktopLoads()
                .Select(path => (File: Path.GetFileName(path), Framework: TargetFramework(path)))
                // Older packages (System.Runtime.CompilerServices.Unsafe, System.Threading.Tasks.Extensions) carry no
                // attribute; what they reference is checked by the next test.
                .Where(a => a.Framework != null && a.Framework != ".NETStandard,Version=v2.0" && !(a.Framework.StartsWith(".NETFramework,Version=v4.", StringComparison.Ordinal)
                    && string.CompareOrdinal(a.Framework, ".NETFramework,Version=v4.7.2") <= 0))
                .Select(a => $"{a.File}: {a.Framework ?? "no TargetFramework attribute"}")
                .ToList();

            Assert.True(wrong.Count == 0, "Not loadable by .NET Framework 4.7.2:\n" + string.Join("\n", wrong));
            Assert.Contains(Directory.GetFiles(Desktop, "*.dll"), path => Path.GetFileName(path) == "AWSSDK.Core.dll");
        }

        [Fact]
        public void EveryReferenceResolvesToTheDesktopFolderOrToNetFramework472()
        {
            var framework = Net472ReferenceAssemblies();
            var shipped = Directory.GetFiles(Desktop, "*.dll").ToDictionary(path => Path.GetFileNameWithoutExtension(path), Version, StringComparer.OrdinalIgnoreCase);
            var unresolved = new List<string>();
            foreach (var path in DesktopLoads())
            {
                foreach (var (name, version) in References(path))
                {
                    if (ProvidedOrNotLoadedThere.Contains(name)
                        || (name == "System.Formats.Asn1" && Path.GetFileName(path) == "AWSSDK.Core.dll" && OnlySigV4aUses(path, name)))
                    {
                        continue;
                    }
                    if (!shipped.TryGetValue(name, out var have) && !framework.TryGetValue(name, out have))
                    {
                        unresolved.Add($"{Path.GetFileName(path)} needs {name} {version}: not in dependencies/desktop nor in .NET Framework 4.7.2");
                    }
                    else if (have < version)
                    {
                        unresolved.Add($"{Path.GetFileName(path)} needs {name} {version}; dependencies/desktop or .NET Framework 4.7.2 has {have}");
                    }
                }
            }

            Assert.True(unresolved.Count == 0, string.Join("\n", unresolved));
        }

        /// <summary>
        /// AWSSDK.Core's netstandard2.0 build references System.Formats.Asn1 without depending on its package; on .NET
        /// Framework that assembly is absent. Acceptable only while the methods that use it are all in AWS4aSigner
        /// (SigV4a, for S3 multi-region access points): every request of ours is plain SigV4 (CoreServiceClient).
        /// </summary>
        private static bool OnlySigV4aUses(string path, string assembly)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var types = reader.TypeReferences.Where(handle => reader.GetTypeReference(handle).ResolutionScope.Kind == HandleKind.AssemblyReference
                    && reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)reader.GetTypeReference(handle).ResolutionScope).Name) == assembly)
                .Select(handle => (EntityHandle)handle).ToHashSet();
            var members = reader.MemberReferences.Where(handle => types.Contains(reader.GetMemberReference(handle).Parent))
                .Select(handle => System.Reflection.Metadata.Ecma335.MetadataTokens.GetToken((EntityHandle)handle)).ToHashSet();
            var users = new HashSet<string>();
            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(typeHandle);
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    if (method.RelativeVirtualAddress == 0)
                    {
                        continue;
                    }
                    var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? Array.Empty<byte>();
                    for (var i = 0; i + 4 <= il.Length; i++)
                    {
                        if (members.Contains(BitConverter.ToInt32(il, i)))
                        {
                            users.Add(reader.GetString(type.Name));
                            break;
                        }
                    }
                }
            }
            return members.Count > 0 && users.SetEquals(new[] { "AWS4aSigner" });
        }

        private static string? TargetFramework(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }
                var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                if (parent.Kind != HandleKind.TypeReference || reader.GetString(reader.GetTypeReference((TypeReferenceHandle)parent).Name) != "TargetFrameworkAttribute")
                {
                    continue;
                }
                var blob = reader.GetBlobReader(attribute.Value);
                blob.ReadUInt16(); // prolog
                return blob.ReadSerializedString();
            }
            return null;
        }

        private static IEnumerable<(string Name, Version Version)> References(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.AssemblyReferences.Select(handle => reader.GetAssemblyReference(handle))
                .Select(reference => (reader.GetString(reference.Name), reference.Version)).ToList();
        }

        private static bool IsAssembly(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
        }

        private static Version Version(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            return pe.GetMetadataReader().GetAssemblyDefinition().Version;
        }

        /// <summary>
        /// The assembly names of .NET Framework 4.7.2 (and its facades), from the reference assemblies package that
        /// build/DesktopCheck compiles against (restored with the test solution).
        /// </summary>
        private static Dictionary<string, Version> Net472ReferenceAssemblies()
        {
            var assets = Path.Combine(RepoPaths.Root, "build", "DesktopCheck", "Engine", "obj", "project.assets.json");
            using var document = JsonDocument.Parse(File.ReadAllText(assets));
            var root = document.RootElement;
            var packages = root.GetProperty("packageFolders").EnumerateObject().First().Name;
            var package = root.GetProperty("libraries").EnumerateObject()
                .First(library => library.Name.StartsWith("Microsoft.NETFramework.ReferenceAssemblies.net472/", StringComparison.OrdinalIgnoreCase));
            var folder = Path.Combine(packages, package.Value.GetProperty("path").GetString()!, "build", ".NETFramework", "v4.7.2");
            Assert.True(Directory.Exists(folder), $"The .NET Framework 4.7.2 reference assemblies are not at {folder}.");
            return Directory.GetFiles(folder, "*.dll").Concat(Directory.GetFiles(Path.Combine(folder, "Facades"), "*.dll"))
                .Where(IsAssembly)
                .ToDictionary(file => Path.GetFileNameWithoutExtension(file), Version, StringComparer.OrdinalIgnoreCase);
        }
    }
}

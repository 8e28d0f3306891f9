using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CancelJobs.Loader
{
    /// <summary>
    /// PowerShell 7: when the default context cannot find an assembly we ship (the engine), we hand it over from a
    /// private load context whose own references (AWSSDK.Core) resolve from the dependencies folder first, so
    /// another module's AWSSDK.Core in the default context is never used by us, nor ours by it. Kept in its own
    /// class so Windows PowerShell never loads the AssemblyLoadContext type.
    /// </summary>
    internal static class IsolatedResolver
    {
        private static DependencyLoadContext? context;

        public static void Register(string dependencies)
        {
            context ??= new DependencyLoadContext(dependencies);
            AssemblyLoadContext.Default.Resolving += ResolveDependency;
        }

        public static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveDependency;

        private static Assembly? ResolveDependency(AssemblyLoadContext defaultContext, AssemblyName name) =>
            name.Name == ModuleInitializer.EngineAssemblyName ? context!.LoadFromAssemblyName(name) : null;

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string directory;

            public DependencyLoadContext(string directory) => this.directory = directory;

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var path = Path.Combine(directory, assemblyName.Name + ".dll");
                // Anything not shipped in dependencies/ (the framework, PowerShell) comes from the default context.
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}

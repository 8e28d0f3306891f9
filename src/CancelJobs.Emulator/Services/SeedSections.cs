using System;
using System.Collections.Generic;
using System.Linq;

namespace CancelJobs.Emulator.Services;

/// <summary>Every <see cref="ISeedSection"/> of the emulator, one instance each per emulator state.</summary>
internal sealed class SeedSections
{
    private readonly Dictionary<Type, ISeedSection> byType;

    public SeedSections()
    {
        byType = typeof(ISeedSection).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(ISeedSection).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToDictionary(t => t, t => (ISeedSection)Activator.CreateInstance(t)!);
    }

    public IEnumerable<ISeedSection> All => byType.Values;

    public T Get<T>() where T : ISeedSection => (T)byType[typeof(T)];

    public ISeedSection? Named(string name) => byType.Values.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}

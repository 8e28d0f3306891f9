using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace CancelJobs.Emulator.Services;

/// <summary>
/// A store of jobs that declares its own seed-document section: its name, how items are read and written, its demo
/// items. <see cref="EmulatorState"/> finds every one in this assembly, so a new kind of job is one class in its
/// service folder (reset, seed, export and the demo follow without edits elsewhere).
/// </summary>
internal interface ISeedSection
{
    /// <summary>The member of the seed document, camelCase (e.g. "iotJobs").</summary>
    string Name { get; }

    /// <summary>Reads the section's items; throws ArgumentException (or JsonException) for a bad item. Nothing is stored until the returned commit runs.</summary>
    Action Prepare(JsonElement items, DateTimeOffset now);

    JsonElement Export(DateTimeOffset now);

    void Clear();

    /// <summary>The section's demo items, in its seed form.</summary>
    JsonElement Demo();
}

/// <summary>A section over one <see cref="OrderedStore{TKey,TItem}"/> with a seed form <typeparamref name="TSeed"/>.</summary>
internal abstract class SeedSection<TKey, TItem, TSeed> : ISeedSection
    where TKey : notnull
    where TItem : class
{
    protected SeedSection(Func<TItem, TKey> keyOf, IEqualityComparer<TKey>? comparer = null) => Store = new OrderedStore<TKey, TItem>(keyOf, comparer);

    public abstract string Name { get; }

    public OrderedStore<TKey, TItem> Store { get; }

    protected abstract TItem ToItem(TSeed seed, DateTimeOffset now);

    protected abstract TSeed ToSeed(TItem item, DateTimeOffset now);

    protected abstract IEnumerable<TSeed> DemoItems();

    public Action Prepare(JsonElement items, DateTimeOffset now)
    {
        var seeds = items.Deserialize<List<TSeed>>(SeedDocument.JsonOptions) ?? [];
        var converted = seeds.Select(s => ToItem(s, now)).ToList();
        return () => Store.Upsert(converted);
    }

    public JsonElement Export(DateTimeOffset now) =>
        JsonSerializer.SerializeToElement(Store.Snapshot().Select(i => ToSeed(i, now)).ToList(), SeedDocument.JsonOptions);

    public void Clear() => Store.Clear();

    public JsonElement Demo() => JsonSerializer.SerializeToElement(DemoItems().ToList(), SeedDocument.JsonOptions);
}

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

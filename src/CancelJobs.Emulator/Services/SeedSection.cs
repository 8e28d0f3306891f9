using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using CancelJobs.Emulator.Seeding;

namespace CancelJobs.Emulator.Services;

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

using BenchmarkDotNet.Attributes;
using Bootstrap.Domain.Security;

namespace Bootstrap.Bench.Micro;

/// <summary>What every token-authenticated request pays before touching the database.</summary>
public class TokenHashingBenchmarks
{
    private readonly string _secret = Secrets.NewToken();
    private byte[] _hash = [];

    [GlobalSetup]
    public void Setup() => _hash = Secrets.Hash(_secret);

    [Benchmark]
    public byte[] Sha256OfSecret() => Secrets.Hash(_secret);

    [Benchmark]
    public bool ConstantTimeCompare() => Secrets.HashEquals(_hash, _secret);
}

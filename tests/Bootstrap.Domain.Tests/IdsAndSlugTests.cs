using Bootstrap.Domain.Entities;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;

namespace Bootstrap.Domain.Tests;

public sealed class IdsAndSlugTests
{
    [Fact]
    public void Ids_ShouldRoundTripBetweenInfluxAndZitadelForms()
    {
        for (var i = 0; i < 1000; i++)
        {
            var number = Ids.NewNumber();
            Assert.True(number > 0);
            var hex = Ids.ToInfluxId(number);
            Assert.Matches("^[0-9a-f]{16}$", hex);
            Assert.True(Ids.TryParseInfluxId(hex, out var fromHex));
            Assert.True(Ids.TryParseZitadelId(Ids.ToZitadelId(number), out var fromDecimal));
            Assert.Equal(number, fromHex);
            Assert.Equal(number, fromDecimal);
        }
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("zzzzzzzzzzzzzzzz")]
    [InlineData("0000000000000000")]
    [InlineData(null)]
    public void TryParseInfluxId_ShouldRejectMalformedIds(string? id) => Assert.False(Ids.TryParseInfluxId(id, out _));

    [Theory]
    [InlineData("Acme Corp", "acme-corp")]
    [InlineData("  Crème Brûlée!! ", "creme-brulee")]
    [InlineData("Straße Ærø Łódź", "strasse-aero-lodz")]
    [InlineData("Cafe\u0301 Ol\u0308", "cafe-ol")]
    [InlineData("***", "org")]
    public void Slug_ShouldBeLowercaseAsciiJoinedByDashes(string name, string expected) => Assert.Equal(expected, Slug.From(name));

    [Fact]
    public void Secrets_ShouldBe64RandomBytesInBase64UrlAndHashToSha256()
    {
        var token = Secrets.NewToken();
        Assert.Matches("^[A-Za-z0-9_-]{86}$", token);
        Assert.NotEqual(token, Secrets.NewToken());
        Assert.Equal(32, Secrets.Hash(token).Length);
        Assert.True(Secrets.HashEquals(Secrets.Hash(token), token));
        Assert.False(Secrets.HashEquals(Secrets.Hash(token), token + "x"));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", Secrets.NewClaimToken());
    }
}

using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using Bootstrap.Domain.Validation;

namespace Bootstrap.Domain.Tests;

public sealed class TextRulesTests
{
    public static TheoryData<char> DisguisingCharacters =>
    [
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
        '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF',
    ];

    [Theory]
    [MemberData(nameof(DisguisingCharacters))]
    public void IsPlainText_ShouldRefuseInvisibleAndTextDirectionCharacters(char character)
    {
        Assert.False(TextRules.IsPlainText($"adm{character}in"));
        Assert.True(TextRules.IsPrintable($"adm{character}in"));
    }

    [Theory]
    [InlineData("Zoë Ærøskøbing")]
    [InlineData("مرحبا")]
    [InlineData("東京 👩🏽")]
    public void IsPlainText_ShouldAcceptOrdinaryTextInAnyScript(string text) => Assert.True(TextRules.IsPlainText(text));

    [Theory]
    [MemberData(nameof(DisguisingCharacters))]
    public void SetupValidator_ShouldRefuseThemInNamesButNotInThePassword(char character)
    {
        var validator = new SetupRequestValidator(new PasswordPolicy(), TimeProvider.System);
        SetupRequest Request(string name, string password) => new()
        {
            Organization = name,
            Admin = new() { UserName = name, Email = $"{name}@acme.test", Password = password },
            Bucket = new() { Name = name, RetentionSeconds = 0 },
            Machine = new() { UserName = $"m{name}", Name = name },
        };

        var names = validator.Validate(Request($"ad{character}min", "correct-horse-9")).Errors.Select(e => e.PropertyName).Order();
        Assert.Equal(["Admin.Email", "Admin.UserName", "Bucket.Name", "Machine.Name", "Machine.UserName", "Organization"], names);
        Assert.True(validator.Validate(Request("admin", $"correct{character}horse-9")).IsValid);
    }
}

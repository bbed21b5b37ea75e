using Bootstrap.Domain.Entities;
using Bootstrap.Web.Overview;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Web.Tests.Overview;

public sealed class UserProfileFactsTests : BunitContext
{
    public UserProfileFactsTests()
    {
        Services.AddLocalization();
    }

    [Fact]
    public void UserProfileFacts_ShouldShowEveryStoredZitadelField()
    {
        var profile = new UserProfile("Gigi", "Giraffe", "Gigi G.", "Gigi the Giraffe", Gender.Female, "de-CH", "+41 71 000 00 00",
            PhoneVerified: true, PasswordChangeRequired: true);

        var cut = Render<UserProfileFacts>(p => p.Add(c => c.Profile, profile));

        var facts = cut.FindAll("[data-testid=user-profile] > div")
            .ToDictionary(f => f.QuerySelector("dt")!.TextContent, f => f.QuerySelector("dd")!.TextContent);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Name"] = "Gigi Giraffe",
            ["Display name"] = "Gigi the Giraffe",
            ["Nick name"] = "Gigi G.",
            ["Gender"] = "Female",
            ["Language"] = "de-CH",
            ["Phone"] = "+41 71 000 00 00 (verified)",
            ["Password"] = "must be changed at next sign-in",
        }, facts);
    }

    [Fact]
    public void UserProfileFacts_ShouldLeaveOutWhatIsNotSet()
    {
        var profile = new UserProfile("Ada", null, null, null, Gender.Unspecified, null, null, PhoneVerified: false, PasswordChangeRequired: false);

        var cut = Render<UserProfileFacts>(p => p.Add(c => c.Profile, profile));

        Assert.Equal(["Name"], cut.FindAll("[data-testid=user-profile] dt").Select(dt => dt.TextContent));
    }

    [Fact]
    public void UserProfileFacts_ShouldRenderNothingForAMachineUser()
    {
        var cut = Render<UserProfileFacts>(p => p.Add(c => c.Profile, null));

        Assert.Empty(cut.FindAll("[data-testid=user-profile]"));
    }
}

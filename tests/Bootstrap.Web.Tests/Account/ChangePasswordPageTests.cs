using Bootstrap.Domain.Security;
using Bootstrap.Web.Account;
using Bootstrap.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Bootstrap.Web.Tests.Account;

public sealed class ChangePasswordPageTests : BunitContext, IAsyncLifetime
{
    public ChangePasswordPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddSingleton<ValidationText>();
        Services.AddSingleton(new PasswordPolicy { MinLength = 12, RequireDigit = true });
    }

    [Fact]
    public void ChangePasswordPage_ShouldPostUserCurrentNewAndConfirmationWithTheInstancePolicy()
    {
        var cut = RenderAt("/signin/password?UserName=owner");

        var form = cut.Find("form[data-testid=password-change-form]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/password", form.GetAttribute("action"));
        Assert.Equal("owner", cut.Find("input[name=UserName]").GetAttribute("value"));
        Assert.Equal(["UserName", "CurrentPassword", "NewPassword", "ConfirmPassword"],
            cut.FindAll("input[name]").Select(i => i.GetAttribute("name")).Where(n => n is not "ReturnUrl" and not "__RequestVerificationToken"));
        Assert.Equal(["Passwords must be between 12 and 72 characters long.", "Password must contain a digit.",
                "Password must not be one of the 30,000 most common passwords.", "Password must not contain the user name."],
            cut.FindAll("[data-testid=password-rules] li").Select(li => li.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=password-change-error]"));
    }

    [Theory]
    [InlineData("weak", "does not meet every rule")]
    [InlineData("mismatch", "confirmation differ")]
    [InlineData("invalid", "current password is not correct")]
    public void ChangePasswordPage_ShouldSayWhyTheLastAttemptFailed(string error, string expected)
    {
        var cut = RenderAt($"/signin/password?UserName=owner&error={error}");

        Assert.Contains(expected, cut.Find("[data-testid=password-change-error]").TextContent);
    }

    [Fact]
    public void Url_ShouldCarryTheUserNameErrorAndALocalReturnUrl()
    {
        Assert.Equal("/signin/password?UserName=o%20wner&error=weak&ReturnUrl=%2Fsettings", ChangePasswordPage.Url("o wner", "weak", "/settings"));
        Assert.Equal("/signin/password?UserName=owner", ChangePasswordPage.Url("owner", null, "/"));
    }

    private IRenderedComponent<ChangePasswordPage> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<ChangePasswordPage>();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}

using Bootstrap.Api.Common;
using Bootstrap.Api.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bootstrap.Api.Zitadel.SystemApi;

/// <summary>
/// The <c>SystemApi</c> section: the system users (<c>Users:&lt;userId&gt;</c>, Zitadel's
/// <c>SystemAPIUsers</c>) and the static bearer alternative, <c>Token</c>, else the content of
/// <c>TokenFile</c>. It creates whole instances, so a short one fails the start rather than invite guessing.
/// </summary>
public sealed class SystemApiOptions
{
    public const string SectionName = "SystemApi";
    public const string TokenKey = "SystemApi:Token";
    public const string TokenFileKey = "SystemApi:TokenFile";
    public const string UsersKey = "SystemApi:Users";
    public const int MinimumTokenLength = 32;

    public Dictionary<string, SystemApiUserOptions> Users { get; set; } = new(StringComparer.Ordinal);

    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    /// <summary>The credential, or null when neither key is set.</summary>
    /// <exception cref="IOException">The token file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The token file cannot be read.</exception>
    public string? ReadToken()
    {
        if (!string.IsNullOrWhiteSpace(Token))
        {
            return Token;
        }
        if (string.IsNullOrWhiteSpace(TokenFile))
        {
            return null;
        }
        // Files written by `echo` or editors end with a newline that is not part of the secret.
        var token = File.ReadAllText(TokenFile).Trim();
        return token.Length == 0 ? null : token;
    }
}

/// <summary>
/// Refuses to start with a credential under <see cref="SystemApiOptions.MinimumTokenLength"/> characters,
/// an unreadable token file, or a system user whose key cannot be read.
/// </summary>
public sealed class SystemApiOptionsValidator : IValidateOptions<SystemApiOptions>
{
    public ValidateOptionsResult Validate(string? name, SystemApiOptions options)
    {
        var userFailures = new List<string>();
        foreach (var (userId, user) in options.Users)
        {
            try
            {
                SystemUserKey.Load(userId, user);
            }
            catch (InvalidConfigurationException exception)
            {
                userFailures.Add(exception.Message);
            }
        }
        return userFailures.Count > 0 ? ValidateOptionsResult.Fail(userFailures) : ValidateToken(options);
    }

    private static ValidateOptionsResult ValidateToken(SystemApiOptions options)
    {
        var key = string.IsNullOrWhiteSpace(options.Token) ? SystemApiOptions.TokenFileKey : SystemApiOptions.TokenKey;
        string? token;
        try
        {
            token = options.ReadToken();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{key}: cannot read '{options.TokenFile}': {exception.Message}");
        }
        if (token is null && !string.IsNullOrWhiteSpace(options.TokenFile))
        {
            return ValidateOptionsResult.Fail($"{key}: the file '{options.TokenFile}' is empty");
        }
        return token is not null && token.Length < SystemApiOptions.MinimumTokenLength
            ? ValidateOptionsResult.Fail(
                $"{key}: the system API credential must be at least {SystemApiOptions.MinimumTokenLength} characters (e.g. openssl rand -hex 32)")
            : ValidateOptionsResult.Success;
    }
}

public static class SystemApiServiceCollectionExtensions
{
    public static IServiceCollection AddSystemApiCredential(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SystemApiOptions>().Bind(configuration.GetSection(SystemApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SystemApiOptions>, SystemApiOptionsValidator>();
        services.AddStartupStep<SystemUsers>();
        return services.AddSingleton<SystemApiCredential>();
    }
}

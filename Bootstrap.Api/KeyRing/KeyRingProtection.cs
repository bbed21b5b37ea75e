using Bootstrap.Api.Data;
using Bootstrap.Api.Startup;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bootstrap.Api.KeyRing;

/// <summary>The <c>DataProtection</c> settings: where the key that encrypts the key ring at rest comes from.</summary>
public static class KeyRingProtection
{
    public const string KeySetting = "DataProtection:Key";
    public const string KeyFileSetting = "DataProtection:KeyFile";
    public const string DefaultKeyFileName = "data-protection.key";

    /// <summary>
    /// Encrypts every new data-protection key before it reaches the database. Call after the
    /// database's startup step: the key file's default folder is the one the migrations create.
    /// </summary>
    /// <param name="dataFolder">The folder the key file goes to unless <c>DataProtection:KeyFile</c> names one.</param>
    public static IServiceCollection AddKeyRingProtection(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var keyFile = configuration[KeyFileSetting];
        services.AddSingleton(new KeyRingKeySource(
            configuration[KeySetting],
            DataPaths.Resolve(string.IsNullOrEmpty(keyFile) ? Path.Combine(dataFolder, DefaultKeyFileName) : keyFile)));
        services.AddStartupStep<KeyRingKey>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<KeyRingKey>((options, key) => options.XmlEncryptor = new KeyRingXmlEncryptor(key));
        return services;
    }
}

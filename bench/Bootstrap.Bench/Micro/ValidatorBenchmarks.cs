using BenchmarkDotNet.Attributes;
using Bootstrap.Domain.Influx;
using Bootstrap.Domain.Security;
using Bootstrap.Domain.Setup;
using FluentValidation.Results;

namespace Bootstrap.Bench.Micro;

/// <summary>The shared validators on a valid request: paid once per setup request and per wizard keystroke.</summary>
public class ValidatorBenchmarks
{
    private readonly SetupRequestValidator _setup = new(new PasswordPolicy(), TimeProvider.System);
    private readonly InfluxOnboardingRequestValidator _influx = new(new PasswordPolicy());

    private readonly SetupRequest _setupRequest = new()
    {
        Organization = "bench",
        Admin = new AdminRequest { UserName = "admin", Email = "admin@example.com", Password = "bench-password-1" },
        Bucket = new BucketRequest { Name = "bench", RetentionSeconds = 0 },
        Machine = new MachineRequest { UserName = "machine", Name = "Machine", MachineKey = true },
    };

    private readonly InfluxOnboardingRequest _influxRequest = new()
    {
        Username = "admin",
        Password = "bench-password-1",
        Org = "bench",
        Bucket = "bench",
    };

    [Benchmark]
    public ValidationResult NativeSetupRequest() => _setup.Validate(_setupRequest);

    [Benchmark]
    public ValidationResult InfluxOnboardingRequest() => _influx.Validate(_influxRequest);
}

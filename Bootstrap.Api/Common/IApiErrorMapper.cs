using Bootstrap.Api.Zitadel.Grpc;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;

namespace Bootstrap.Api.Common;

/// <summary>One per API family: the only place that knows that family's error body.</summary>
public interface IApiErrorMapper
{
    ApiFamily Family { get; }

    IResult Map(ApiError error);

    IResult Map(IReadOnlyList<ValidationFailure> failures);

    /// <summary>The body could not be read as the expected JSON; <paramref name="errors"/> are keyed by JSON path.</summary>
    IResult MalformedBody(IReadOnlyDictionary<string, string[]> errors);
}

/// <param name="grpc">Zitadel's errors for gRPC and gRPC-Web calls of its service paths, which cannot read a JSON body.</param>
public sealed class ApiErrorMappers(IEnumerable<IApiErrorMapper> mappers, ZitadelGrpcErrorMapper grpc)
{
    private readonly Dictionary<ApiFamily, IApiErrorMapper> _byFamily = mappers.ToDictionary(m => m.Family);

    public IApiErrorMapper For(ApiFamily family) => _byFamily[family];

    public IApiErrorMapper For(HttpContext context) =>
        GrpcRequests.IsGrpcCall(context.Request) ? grpc : For(ApiFamilies.Resolve(context.Request.Path) ?? ApiFamily.Native);

    public Task WriteAsync(HttpContext context, ApiError error) => For(context).Map(error).ExecuteAsync(context);
}

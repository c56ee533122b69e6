import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Checks every routed request against ``RouteAccess``: 401 (with `WWW-Authenticate: Bearer`) without a valid token
/// or session, 403 naming the scope when the token lacks it. Logs the token's name, never the token.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let access: AccessControl
    let webhookPaths: Set<String>

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // The route's template is known here (router middleware runs once the route is resolved); an unknown
        // path falls through to the router's 404.
        guard access.enabled, let path = context.endpointPath else {
            return try await next(request, context)
        }
        let required = RouteAccess.required(
            method: request.method,
            path: path,
            webhookPaths: webhookPaths,
            metricsOpen: access.metricsOpen
        )
        guard case .scope(let scope) = required else {
            return try await next(request, context)
        }
        guard let principal = await access.principal(of: request) else {
            context.logger.debug("request refused: no valid token", metadata: ["http.route": "\(path)"])
            return Self.unauthorized(request.uri.path)
        }
        guard principal.scopes.grants(scope) else {
            context.logger.debug(
                "request refused: scope missing",
                metadata: ["http.route": "\(path)", "auth.token": "\(principal.name)", "auth.scope": "\(scope)"]
            )
            return ProblemDetails(
                type: ProblemDetails.Types.forbidden,
                title: "Scope missing",
                status: 403,
                detail: "\(request.method.rawValue) \(path) needs the scope '\(scope)'; '\(principal.name)' has "
                    + "\(principal.scopes.listed).",
                instance: request.uri.path
            ).response
        }
        return try await Principal.$current.withValue(principal) { try await next(request, context) }
    }

    /// 401 with the challenge of RFC 6750.
    static func unauthorized(_ instance: String) -> Response {
        var response = ProblemDetails(
            type: ProblemDetails.Types.unauthorized,
            title: "Authentication required",
            status: 401,
            detail: "Send a valid API token as 'Authorization: Bearer <token>' (or log in at POST /v1/session).",
            instance: instance
        ).response
        response.headers[.wwwAuthenticate] = "Bearer realm=\"kontor\""
        return response
    }
}

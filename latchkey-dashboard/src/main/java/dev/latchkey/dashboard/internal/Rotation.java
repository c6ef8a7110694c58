package dev.latchkey.dashboard.internal;

import dev.latchkey.account.AppRotation;
import dev.latchkey.account.Credential;
import java.util.ArrayList;
import java.util.List;

/**
 * One person's rotation of an app's keys on the Rotate page, between requests: the account layer's
 * {@link AppRotation}, the stage reached, the lines so far, and the user tokens to authorize again.
 */
final class Rotation {
  enum Stage {
    PLANNED,
    INVALIDATED,
    REKEYED,
    CHECKED
  }

  final AppRotation rotation;
  Stage stage = Stage.PLANNED;
  final List<AppRotation.Line> lines = new ArrayList<>();
  final List<RotatePending> pending = new ArrayList<>();
  List<AppRotation.Line> checked = List.of();

  Rotation(AppRotation rotation) {
    this.rotation = rotation;
  }

  static String method(Credential credential) {
    return credential == Credential.OAUTH2_USER ? "oauth2" : "pin";
  }
}
